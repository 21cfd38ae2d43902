# FIOCLEX (0x5451) and FIONCLEX (0x5450) are handled by the VFS for every
# fd before the file's own ioctl: on a namespace fd both succeed.
# Source: gVisor test/syscalls/linux/ioctl.cc, IoctlTest.FIOCLEXSucceeds and
# FIONCLEXSucceeds. Probed with probe/ioctl_raw_request.c (needs: ioctl FD 0xNNNN).
init open /proc/self/ns/net as net => ok
init ioctl net 0x5451 => ok
init ioctl net 0x5450 => ok
init open /proc/self/ns/user as user => ok
init ioctl user 0x5451 => ok
init ioctl user NS_GET_NSTYPE => 0x10000000
