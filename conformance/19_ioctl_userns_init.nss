# NS_GET_USERNS on the init netns and on a netns made by root gives a new fd
# for the init user namespace; on the init userns fd itself it is EPERM; it
# works without capabilities (uid 1000) too.
# Reference: linux-behaviour.md §2 (NS_GET_USERNS rows, caller in the init userns).
init readlink /proc/self/ns/user => user:[ns1]
init open /proc/self/ns/net as initnet => ok
init ioctl initnet NS_GET_USERNS as o1 => ok
init readlink /proc/self/fd/%o1 => user:[ns1]
init ip netns add red =>
init open /run/netns/red as red => ok
init ioctl red NS_GET_USERNS as o2 => ok
init readlink /proc/self/fd/%o2 => user:[ns1]
init open /proc/self/ns/user as inituser => ok
init ioctl inituser NS_GET_USERNS => error EPERM
init spawn t
t setuid 1000 => ok
t ioctl initnet NS_GET_USERNS as o3 => ok
t readlink /proc/self/fd/%o3 => user:[ns1]
