# EROFS and EACCES: creating or removing a name on a read-only mount is
# EROFS whatever the permissions; opening another's file for writing is
# EACCES on a read-only mount (the mount is asked last) but EROFS on a
# read-only file system (sb_permission comes first).
# Source: fs/namei.c inode_permission (sb_permission), may_open; fs/open.c
# do_dentry_open. Probed: netns diff.
init mkdir /run/a => ok
init mount -t tmpfs t /run/a => ok
init mkdir /run/a/d => ok
init touch /run/a/f => ok
init mount -o remount,bind,ro /run/a => ok
init spawn u => ok
u setuid 1000 => ok
u mkdir /run/a/x => error EROFS
u rm /run/a/f => error EROFS
u open /run/a/f as w wronly => error EACCES
u open /run/a/f as r => ok
init mount -o remount,ro /run/a => ok
u open /run/a/f as w2 wronly => error EROFS
