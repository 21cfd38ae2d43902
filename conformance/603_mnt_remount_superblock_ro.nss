# mount -o remount,ro (no bind) makes the file system read-only: every
# mount of it shows "ro" in its super options and in /proc/self/mounts,
# and refuses writes (EROFS); the mount at PATH also takes the flags given
# as its own. A mount of it made read-write again alone (remount,bind)
# stays read-only through its file system. remount without ro undoes it.
# Source: fs/namespace.c do_remount; fs/super.c reconfigure_super;
# fs/proc_namespace.c. Probed: netns diff.
init mkdir /run/a => ok
init mount -t tmpfs t /run/a => ok
init mkdir /run/a/d => ok
init mkdir /run/b => ok
init mount --bind /run/a/d /run/b => ok
init mount -o remount,ro,sync /run/a => ok
init mountinfo /run => m1 m2 / /run rw,nosuid,nodev,relatime - tmpfs tmpfs rw,mode=755 | m3 m1 / /run/a ro,relatime - tmpfs t ro,sync | m4 m1 /d /run/b rw,relatime - tmpfs t ro,sync
init mtab /run => tmpfs /run tmpfs rw,nosuid,nodev,relatime,mode=755 0 0 | t /run/a tmpfs ro,sync,relatime 0 0 | t /run/b tmpfs ro,sync,relatime 0 0
init mkdir /run/b/x => error EROFS
init mount -o remount,bind /run/b => ok
init mountinfo /run/b => m4 m1 /d /run/b rw,relatime - tmpfs t ro,sync
init mtab /run/b => t /run/b tmpfs ro,sync,relatime 0 0
init mkdir /run/b/x => error EROFS
init mount -o remount /run/a => ok
init mountinfo /run => m1 m2 / /run rw,nosuid,nodev,relatime - tmpfs tmpfs rw,mode=755 | m3 m1 / /run/a rw,relatime - tmpfs t rw | m4 m1 /d /run/b rw,relatime - tmpfs t rw
init mkdir /run/b/x => ok
