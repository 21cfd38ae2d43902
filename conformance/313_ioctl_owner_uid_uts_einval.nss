# NS_GET_OWNER_UID on a uts namespace is EINVAL: only user namespaces have
# an owner uid.
# Source: LTP ioctl_ns03.
init open /proc/self/ns/uts as uts => ok
init ioctl uts NS_GET_OWNER_UID => error EINVAL
