# A tmpfs mounted in a child user namespace belongs to it: its tasks may
# remount the file system (ro and back), and its flags are not locked.
# Creating in it needs an owner that maps into that user namespace: a task
# without a uid map gets EOVERFLOW.
# Source: fs/namespace.c do_remount (ns_capable of sb->s_user_ns);
# fs/namei.c may_create (fsuidgid_has_mapping); mm/shmem.c. Probed:
# netns diff.
init mkdir /run/a => ok
init spawn t => ok
t unshare user,mnt => ok
t mount -t tmpfs v /run/a -o nosuid => ok
t mount -o remount,ro /run/a => ok
t mountinfo /run/a => m1 m2 / /run/a ro,relatime - tmpfs v ro
t mkdir /run/a/x => error EROFS
t mount -o remount,bind /run/a => ok
t mount -o remount /run/a => ok
t mkdir /run/a/x => error EOVERFLOW
t mountinfo /run/a => m1 m2 / /run/a rw,relatime - tmpfs v rw
init mountinfo /run/a =>
