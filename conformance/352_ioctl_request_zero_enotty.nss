# Request number 0 is no request of any file: on namespace fds of several
# types it is ENOTTY.
# Source: gVisor test/syscalls/linux/ioctl.cc, IoctlTest.InvalidControlNumber
# (there on stdout). Probed with pending/probe/ioctl_raw_request.c (needs: ioctl FD 0xNNNN).
init open /proc/self/ns/mnt as mnt => ok
init open /proc/self/ns/net as net => ok
init open /proc/self/ns/user as user => ok
init open /proc/self/ns/uts as uts => ok
init ioctl mnt 0x0 => error ENOTTY
init ioctl net 0x0 => error ENOTTY
init ioctl user 0x0 => error ENOTTY
init ioctl uts 0x0 => error ENOTTY
