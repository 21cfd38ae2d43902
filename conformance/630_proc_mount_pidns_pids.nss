# A proc of a child pid namespace has a directory for each task that
# namespace sees, named by its pid there, whoever reads it: the listing
# (subset=pid keeps out the kernel's other entries) shows 1 and 2, not
# the unsharer, which is outside; a pid's task directory is numbered
# there too; a pid the namespace has not handed out is ENOENT. After the
# task exits its number leaves the listing. Its namespace links are the
# task's own.
# Source: fs/proc/base.c proc_pid_lookup (find_task_by_pid_ns in the
# proc's namespace), proc_pid_readdir (next_tgid), proc_task_readdir.
# Probed: netns diff.
init mkdir /run/p => ok
init spawn t => ok
t unshare pid => ok
t spawn a => ok
a spawn b => ok
a mount -t proc proc /run/p -o subset=pid => ok
init ls /run/p => 1 | 2 | self | thread-self
b ls /run/p => 1 | 2 | self | thread-self
init ls /run/p/2/task => 2
init ls /run/p/1/task => 1
init stat /run/p/2/task/2 => dir
init stat /run/p/3 => error ENOENT
init stat /run/p/@t => error ENOENT
init open /run/p/2/ns/pid as pns => ok
init open /proc/@b/ns/pid as bns => ok
init stat /run/p/2/ns/pid => ino ns1
init stat /proc/@b/ns/pid => ino ns1
b exit => ok
init ls /run/p => 1 | self | thread-self
init stat /run/p/2 => error ENOENT
