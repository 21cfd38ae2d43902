# An O_PATH fd on a namespace file names it (readlink of the fd works) but
# serves no operation: the nsfs requests, FIOCLEX and setns are all EBADF.
# Source: gVisor test/syscalls/linux/ioctl.cc, IoctlTest.IoctlWithOpath (fact
# carried to nsfs and setns). Probed with pending/probe/opath_nsfs.c (needs: open flags).
init open /proc/self/ns/net as p path => ok
init readlink /proc/self/fd/%p => net:[ns1]
init ioctl p NS_GET_NSTYPE => error EBADF
init ioctl p NS_GET_USERNS => error EBADF
init ioctl p 0x5451 => error EBADF
init setns p net => error EBADF
init setns p 0 => error EBADF
init close p => ok
