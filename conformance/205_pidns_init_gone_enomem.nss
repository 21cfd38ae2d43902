# Once the init of a pid namespace has exited, no task can be born in it:
# a fork by the unsharer, whose pid_for_children still names that namespace,
# is ENOMEM (alloc_pid: PIDNS_ADDING cleared), and unshare(CLONE_NEWPID) is
# EINVAL (pid_for_children is not the active one). setns to its own active
# pid namespace puts pid_for_children back, and forks work again.
# Reference: probed on the reference kernel.
init spawn t => ok
t readlink /proc/self/ns/pid => pid:[ns1]
t unshare pid => ok
t spawn a => ok
a getpid => pid 1
a exit => ok
t spawn b => error ENOMEM
t readlink /proc/self/ns/pid_for_children => pid:[ns2]
t unshare pid => error EINVAL
t open /proc/self/ns/pid as own => ok
t setns own pid => ok
t readlink /proc/self/ns/pid_for_children => pid:[ns1]
t spawn c => ok
c getpid => pid c
