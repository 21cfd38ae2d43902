# The pid translation ioctls on a child pid namespace's fd, from the root
# pid namespace: *_IN_PIDNS takes a pid of the caller's namespace and gives
# it in the fd's (u is 1 there); *_FROM_PIDNS takes a pid of the fd's
# namespace and gives it in the caller's (u). A task not in the fd's
# namespace is ESRCH; a fd of another type is EINVAL.
# Reference: probed on the reference kernel.
init spawn t => ok
t unshare pid => ok
t spawn u => ok
init open /proc/@u/ns/pid as child => ok
init ioctl child NS_GET_PID_IN_PIDNS u => pid 1
init ioctl child NS_GET_TGID_IN_PIDNS u => pid 1
init ioctl child NS_GET_PID_FROM_PIDNS u => pid u
init ioctl child NS_GET_TGID_FROM_PIDNS u => pid u
init ioctl child NS_GET_PID_IN_PIDNS t => error ESRCH
init ioctl child NS_GET_PID_IN_PIDNS init => error ESRCH
init open /proc/self/ns/pid as root => ok
init ioctl root NS_GET_PID_IN_PIDNS u => pid u
init open /proc/self/ns/uts as uts => ok
init ioctl uts NS_GET_PID_IN_PIDNS u => error EINVAL
