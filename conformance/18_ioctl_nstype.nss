# NS_GET_NSTYPE gives CLONE_NEWNET (0x40000000) for any netns fd and
# CLONE_NEWUSER (0x10000000) for a userns fd; on a regular file or a
# directory it is ENOTTY.
# Reference: linux-behaviour.md §2 (NS_GET_NSTYPE rows).
init open /proc/self/ns/net as initnet => ok
init open /proc/self/ns/user as inituser => ok
init ip netns add red =>
init open /run/netns/red as red => ok
init ioctl initnet NS_GET_NSTYPE => 0x40000000
init ioctl red NS_GET_NSTYPE => 0x40000000
init ioctl inituser NS_GET_NSTYPE => 0x10000000
init touch /run/plain => ok
init open /run/plain as f => ok
init ioctl f NS_GET_NSTYPE => error ENOTTY
init open /proc/self/ns as dir => ok
init ioctl dir NS_GET_NSTYPE => error ENOTTY
init ioctl f NS_GET_USERNS => error ENOTTY
init ioctl f NS_GET_ID => error ENOTTY
