# What a read-only mount refuses, and in which order: mkdir tells EEXIST
# before EROFS; rm (unlink) tells EROFS before ENOENT; an open that creates
# is EROFS, one that finds the file is not (O_EXCL: EEXIST); opening for
# writing is EROFS; reading and mounting on it are allowed, and a mount on
# it has its own flags.
# Source: fs/namei.c filename_create, do_unlinkat, do_rmdir, lookup_open;
# fs/open.c do_dentry_open. Probed: netns diff.
init mkdir /run/a => ok
init mount -t tmpfs t /run/a => ok
init mkdir /run/a/d => ok
init touch /run/a/f => ok
init mount -o remount,bind,ro /run/a => ok
init mkdir /run/a/d => error EEXIST
init mkdir /run/a/new => error EROFS
init rm /run/a/nothing => error EROFS
init rm /run/a/f => error EROFS
init touch /run/a/f => error EROFS
init touch /run/a/g => error EROFS
init open /run/a/f as f creat => ok
init open /run/a/f as g creat,excl => error EEXIST
init open /run/a/h as h creat => error EROFS
init open /run/a/f as w wronly => error EROFS
init open /run/a/d as dw wronly => error EISDIR
init write /run/a/f hello => error EROFS
init cat /run/a/f =>
init mount -t tmpfs u /run/a/d => ok
init mkdir /run/a/d/x => ok
init umount /run/a/d => ok
