# Every nsfs request on a bad fd number is EBADF: the fd is looked up before
# the request is considered (-1, and 99 where no fd is open).
# Source: strace tests/ioctl_nsfs.c, test_no_namespace. Expectations probed
# with pending/probe/ioctl_badfd.c (needs: raw fd number in ioctl).
init ioctl -1 NS_GET_USERNS => error EBADF
init ioctl -1 NS_GET_PARENT => error EBADF
init ioctl -1 NS_GET_NSTYPE => error EBADF
init ioctl -1 NS_GET_OWNER_UID => error EBADF
init ioctl -1 NS_GET_MNTNS_ID => error EBADF
init ioctl -1 NS_GET_ID => error EBADF
init ioctl 99 NS_GET_NSTYPE => error EBADF
init ioctl 99 NS_GET_USERNS => error EBADF
