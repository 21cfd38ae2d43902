# NS_GET_USERNS on the caller's own (initial) user namespace is EPERM: the
# owner would be outside every namespace the caller can see.
# Source: LTP ioctl_ns04.
init open /proc/self/ns/user as user => ok
init ioctl user NS_GET_USERNS => error EPERM
