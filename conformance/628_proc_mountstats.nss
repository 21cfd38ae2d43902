# /proc/PID/mountstats: a line per mount of the task's mount namespace, as
# the task's root sees them ("device SOURCE mounted on MOUNTPOINT with
# fstype TYPE", the source and mount point escaped as in mounts), mode
# 0400; not under /proc/PID/task/TID. A chroot with a proc inside keeps
# the host's mounts out of the file.
# Source: fs/proc_namespace.c show_vfsstat, fs/proc/base.c
# tgid_base_stuff. Probed: netns diff.
init mkdir /run/x => ok
init mkdir /run/x/proc => ok
init mkdir /run/x/a => ok
init mount -t proc p /run/x/proc => ok
init mount -t tmpfs "a b" /run/x/a -o nosuid,size=1m => ok
init spawn t => ok
t chroot /run/x => ok
t cat /proc/self/mountstats => device p mounted on /proc with fstype proc | device a\040b mounted on /a with fstype tmpfs
t stat /proc/self/task/@t/mountstats => error ENOENT
t spawn u => ok
u setuid 1000 => ok
u cat /proc/@t/mountstats => error EACCES
# Its own too: setuid cleared dumpable, so /proc/self's files are root's.
u cat /proc/self/mountstats => error EACCES
u prctl dumpable 1 => ok
u cat /proc/self/mountstats => device p mounted on /proc with fstype proc | device a\040b mounted on /a with fstype tmpfs
