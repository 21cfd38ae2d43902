# mount -o remount: ENOENT for a missing path; EPERM without CAP_SYS_ADMIN
# over the mount namespace's owner; EINVAL for a path that is not the root
# of a mount, and for flags without remount (a new mount of no type, a
# bind of no source).
# Source: fs/namespace.c path_mount, do_reconfigure_mnt, do_remount.
# Probed: netns diff.
init mkdir /run/a => ok
init mount -t tmpfs t /run/a => ok
init mkdir /run/a/d => ok
init mount -o remount,bind,ro /run/none => error ENOENT
init mount -o remount,bind,ro /run/a/d => error EINVAL
init mount -o remount,ro /run/a/d => error EINVAL
init mount -o ro /run/a => error EINVAL
init mount -o bind,ro /run/a => error EINVAL
init spawn u => ok
u caps drop CAP_SYS_ADMIN => ok
u mount -o remount,bind,ro /run/a => error EPERM
u mount -o remount,bind,ro /run/none => error ENOENT
init mountinfo /run/a => m1 m2 / /run/a rw,relatime - tmpfs t rw
