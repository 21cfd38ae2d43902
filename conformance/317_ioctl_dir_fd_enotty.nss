# The nsfs requests on a directory fd (not a namespace) are ENOTTY:
# NS_GET_PARENT, NS_GET_USERNS, NS_GET_OWNER_UID and NS_GET_NSTYPE.
# Source: LTP ioctl_ns07.
init mkdir /run/dir => ok
init open /run/dir as d => ok
init ioctl d NS_GET_PARENT => error ENOTTY
init ioctl d NS_GET_USERNS => error ENOTTY
init ioctl d NS_GET_OWNER_UID => error ENOTTY
init ioctl d NS_GET_NSTYPE => error ENOTTY
