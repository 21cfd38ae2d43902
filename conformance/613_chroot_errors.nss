# chroot's errors: ENOENT for a missing path, ENOTDIR for a file, EPERM
# without CAP_SYS_CHROOT in the task's user namespace (also for uid 1000),
# in that order; a failed chroot leaves the root where it was.
# Source: fs/open.c ksys_chroot. Probed: netns diff.
init mkdir /run/c => ok
init touch /run/f => ok
init spawn t => ok
t chroot /run/none => error ENOENT
t chroot /run/f => error ENOTDIR
t chroot /run/f/x => error ENOTDIR
t caps drop CAP_SYS_CHROOT => ok
t chroot /run/none => error ENOENT
t chroot /run/c => error EPERM
t stat /run/c => dir
init spawn u => ok
u setuid 1000 => ok
u chroot /run/c => error EPERM
