# /proc/thread-self/ns/ipc follows the thread: after unshare(ipc) it names a
# new inode; setns(ipc) with an fd opened on it before brings back the old one.
# Source: gVisor test/syscalls/linux/setns.cc, SetnsTest.ChangeIPCNamespace.
init spawn t => ok
t open /proc/thread-self/ns/ipc as orig => ok
t stat /proc/thread-self/ns/ipc => ino ns1
t unshare ipc => ok
t stat /proc/thread-self/ns/ipc => ino ns2
t setns orig ipc => ok
t stat /proc/thread-self/ns/ipc => ino ns1
