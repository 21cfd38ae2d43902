# The same ioctls from inside a child pid namespace, on the parent's fd:
# FROM_PIDNS of a task the caller cannot see (init) is ESRCH, of the caller
# itself its own pid 1; IN_PIDNS gives the caller's pid in the parent
# namespace (u there). On its own namespace's fd the numbers stay.
# Reference: probed on the reference kernel.
init open /proc/self/ns/pid as root => ok
init spawn t => ok
t unshare pid => ok
t spawn u => ok
u ioctl root NS_GET_PID_FROM_PIDNS init => error ESRCH
u ioctl root NS_GET_PID_FROM_PIDNS t => error ESRCH
u ioctl root NS_GET_PID_FROM_PIDNS u => pid 1
u ioctl root NS_GET_PID_IN_PIDNS u => pid u
u open /proc/self/ns/pid as own => ok
u ioctl own NS_GET_PID_IN_PIDNS u => pid 1
u ioctl own NS_GET_PID_FROM_PIDNS u => pid 1
