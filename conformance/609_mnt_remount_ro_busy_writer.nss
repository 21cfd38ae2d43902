# A file open for writing keeps its mount from turning read-only
# (remount,bind,ro: EBUSY) and its file system too (remount,ro through any
# mount of it: EBUSY); another mount of the same file system may still go
# read-only alone, a file open for reading holds nothing, and once the
# writer is closed the remount goes through.
# Source: fs/namespace.c mnt_make_readonly, sb_prepare_remount_readonly.
# Probed: netns diff.
init mkdir /run/a => ok
init mount -t tmpfs t /run/a => ok
init mkdir /run/a/d => ok
init mount --bind /run/a /run/a/d => ok
init open /run/a/f as w wronly,creat => ok
init open /run/a/f as r => ok
init mount -o remount,bind,ro /run/a => error EBUSY
init mount -o remount,ro /run/a/d => error EBUSY
init mount -o remount,bind,ro /run/a/d => ok
init mountinfo /run/a => m1 m2 / /run/a rw,relatime - tmpfs t rw | m3 m1 / /run/a/d ro,relatime - tmpfs t rw
init close w => ok
init mount -o remount,bind,ro /run/a => ok
init mount -o remount,bind /run/a => ok
init mount -o remount,ro /run/a => ok
init mountinfo /run/a => m1 m2 / /run/a ro,relatime - tmpfs t ro | m3 m1 / /run/a/d ro,relatime - tmpfs t ro
