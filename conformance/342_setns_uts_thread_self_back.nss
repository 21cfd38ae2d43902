# The same for uts: unshare(uts) changes the inode of
# /proc/thread-self/ns/uts, and setns(uts) with the saved fd restores it.
# Source: gVisor test/syscalls/linux/setns.cc, SetnsTest.ChangeUTSNamespace.
init spawn t => ok
t open /proc/thread-self/ns/uts as orig => ok
t stat /proc/thread-self/ns/uts => ino ns1
t unshare uts => ok
t stat /proc/thread-self/ns/uts => ino ns2
t setns orig uts => ok
t stat /proc/thread-self/ns/uts => ino ns1
