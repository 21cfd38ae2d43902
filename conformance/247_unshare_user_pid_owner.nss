# A pid namespace made together with a user namespace is owned by it, like
# the other types; it can be asked only once its init exists (before the
# fork pid_for_children cannot be opened).
# Reference: probed on the reference kernel.
init spawn t => ok
t setuid 1000 => ok
t unshare user,pid => ok
t readlink /proc/self/ns/user => user:[ns1]
t open /proc/self/ns/pid_for_children as early => error ENOENT
t spawn u => ok
u open /proc/self/ns/pid as p => ok
u ioctl p NS_GET_USERNS as o => ok
u readlink /proc/self/fd/%o => user:[ns1]
u getpid => pid 1
