# mount -o remount,bind,FLAGS changes the flags of the mount at PATH alone
# (do_reconfigure_mnt): they become exactly the flags given, but a remount
# that names no atime flag keeps the mount's atime setting; the file
# system and the other mounts of it stay as they were.
# Source: fs/namespace.c path_mount, do_reconfigure_mnt,
# set_mount_attributes. Probed: netns diff.
init mkdir /run/a => ok
init mount -t tmpfs t /run/a -o nosuid,nodev,noatime => ok
init mkdir /run/a/d => ok
init mkdir /run/b => ok
init mount --bind /run/a/d /run/b => ok
init mount -o remount,bind,ro /run/b => ok
init mountinfo /run => m1 m2 / /run rw,nosuid,nodev,relatime - tmpfs tmpfs rw,mode=755 | m3 m1 / /run/a rw,nosuid,nodev,noatime - tmpfs t rw | m4 m1 /d /run/b ro,noatime - tmpfs t rw
init mount -o remount,bind,nosuid,strictatime /run/b => ok
init mountinfo /run/b => m4 m1 /d /run/b rw,nosuid - tmpfs t rw
init mount -o remount,bind,relatime,nodiratime /run/b => ok
init mountinfo /run/b => m4 m1 /d /run/b rw,nodiratime,relatime - tmpfs t rw
