# A file system with an inode that was removed but is still in use (here
# an unlinked file open for reading alone) cannot be remounted read-only (EBUSY); once the last holder is closed
# the remount goes through. A remount of one mount alone (bind) is not
# held back by it.
# Source: fs/super.c sb_prepare_remount_readonly (s_remove_count, counted
# by drop_nlink until the inode is evicted). Probed: netns diff.
init mkdir /run/a => ok
init mount -t tmpfs t /run/a => ok
init touch /run/a/f => ok
init open /run/a/f as r => ok
init rm /run/a/f => ok
init mount -o remount,ro /run/a => error EBUSY
init mount -o remount,bind,ro /run/a => ok
init mount -o remount,bind /run/a => ok
init close r => ok
init mount -o remount,ro /run/a => ok
init mountinfo /run/a => m1 m2 / /run/a ro,relatime - tmpfs t ro
