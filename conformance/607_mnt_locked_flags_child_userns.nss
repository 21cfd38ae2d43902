# A tree copied into a mount namespace of a less privileged user namespace
# (unshare user,mnt) has its flags locked: there a remount that would
# clear ro, nosuid, nodev or noexec, or change the atime setting, is
# EPERM; one that keeps them (and adds more) is allowed; a flag added
# there may be taken off again. A bind of a locked mount is locked too. A
# remount of the file system itself needs CAP_SYS_ADMIN over its owner
# (the initial user namespace): EPERM.
# Source: fs/namespace.c lock_mnt_tree, can_change_locked_flags,
# do_remount. Probed: netns diff.
init mkdir /run/a => ok
init mount -t tmpfs t /run/a -o ro,nosuid,nodev,noexec,noatime => ok
init mkdir /run/b => ok
init mount -t tmpfs u /run/b -o nosuid => ok
init mkdir /run/b/d => ok
init spawn t => ok
t unshare user,mnt => ok
t mount -o remount,bind,nosuid,nodev,noexec,noatime /run/a => error EPERM
t mount -o remount,bind,ro,nosuid,nodev,noatime /run/a => error EPERM
t mount -o remount,bind,ro,nosuid,nodev,noexec,relatime /run/a => error EPERM
t mount -o remount,bind,ro,nosuid,nodev,noexec /run/a => ok
t mount -o remount,bind,ro,nosuid,nodev,noexec,noatime,nodiratime /run/a => error EPERM
t mount -o remount,bind /run/b => error EPERM
t mount -o remount,bind,nosuid,nodev,ro /run/b => ok
t mountinfo /run/b => m1 m2 / /run/b ro,nosuid,nodev,relatime - tmpfs u rw
t mount -o remount,bind,nosuid /run/b => ok
t mount --bind /run/b/d /run/b/d => ok
t mount -o remount,bind /run/b/d => error EPERM
t mount -o remount,nosuid /run/b => error EPERM
t mountinfo /run => m2 m3 / /run rw,nosuid,nodev,relatime - tmpfs tmpfs rw,mode=755 | m4 m2 / /run/a ro,nosuid,nodev,noexec,noatime - tmpfs t ro | m1 m2 / /run/b rw,nosuid,relatime - tmpfs u rw | m5 m1 /d /run/b/d rw,nosuid,relatime - tmpfs u rw
