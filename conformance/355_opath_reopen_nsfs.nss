# Opening /proc/self/fd/N of an O_PATH fd on a namespace file gives a full
# fd on the same namespace: its ioctls and setns work.
# Source: gVisor test/syscalls/linux/ioctl.cc, IoctlTest.IoctlWithOpath (the
# way out of an O_PATH fd). Probed with pending/probe/opath_nsfs.c (needs: open flags).
init open /proc/self/ns/net as p path => ok
init open /proc/self/fd/%p as r => ok
init readlink /proc/self/fd/%r => net:[ns1]
init ioctl r NS_GET_NSTYPE => 0x40000000
init setns r net => ok
