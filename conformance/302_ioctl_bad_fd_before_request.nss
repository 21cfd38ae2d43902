# ioctl(-1, 0): a bad fd wins over a request nobody knows (EBADF); request 0
# on a namespace fd is ENOTTY.
# Source: gVisor test/syscalls/linux/ioctl.cc, IoctlTest.BadFileDescriptor. Probed:
# pending/probe/ioctl_badfd.c, pending/probe/ioctl_raw_request.c (needs: raw fd number, ioctl FD 0xNNNN).
init ioctl -1 0x0 => error EBADF
init ioctl 99 0x0 => error EBADF
init open /proc/self/ns/net as n => ok
init ioctl n 0x0 => error ENOTTY
