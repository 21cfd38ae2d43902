# NS_GET_PARENT on a uts namespace is EINVAL: uts namespaces are not
# hierarchical.
# Source: LTP ioctl_ns02.
init open /proc/self/ns/uts as uts => ok
init ioctl uts NS_GET_PARENT => error EINVAL
