# A file open for writing through a mount that a lazy umount has detached
# still keeps the file system from being remounted read-only through its
# other mounts (EBUSY), until the writer is closed.
# Source: fs/super.c sb_prepare_remount_readonly walks every mount of the
# superblock (s_mounts), detached ones too. Probed: netns diff.
init mkdir /run/a => ok
init mount -t tmpfs t /run/a => ok
init mkdir /run/b => ok
init mount --bind /run/a /run/b => ok
init open /run/b/f as w wronly,creat => ok
init umount /run/b => ok
init mountinfo /run/a => m1 m2 / /run/a rw,relatime - tmpfs t rw
init mount -o remount,ro /run/a => error EBUSY
init close w => ok
init mount -o remount,ro /run/a => ok
init mountinfo /run/a => m1 m2 / /run/a ro,relatime - tmpfs t ro
