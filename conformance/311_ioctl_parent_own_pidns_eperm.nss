# NS_GET_PARENT on the caller's own pid namespace is EPERM: its parent is
# above the caller's pid namespace. Likewise for pid 1 of a new pid namespace
# asking about its own.
# Source: LTP ioctl_ns01.
init open /proc/self/ns/pid as mine => ok
init ioctl mine NS_GET_PARENT => error EPERM
init unshare pid => ok
init spawn c => ok
c getpid => pid 1
c open /proc/self/ns/pid as own => ok
c ioctl own NS_GET_PARENT => error EPERM
