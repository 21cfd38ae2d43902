# For a child in a new user namespace, NS_GET_USERNS on its user namespace
# gives the parent's user namespace (the owner of a user namespace is its
# parent), which differs from the child's.
# Source: LTP ioctl_ns06.
init spawn c => ok
c unshare user => ok
init open /proc/self/ns/user as mine => ok
init open /proc/@c/ns/user as child => ok
init ioctl child NS_GET_USERNS as owner => ok
init readlink /proc/self/fd/%mine => user:[ns1]
init readlink /proc/self/fd/%child => user:[ns2]
init readlink /proc/self/fd/%owner => user:[ns1]
