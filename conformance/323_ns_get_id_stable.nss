# NS_GET_ID gives a namespace's id, non-zero and the same on every call;
# each namespace of the task has its own, whatever its type.
# Source: kernel tools/testing/selftests/namespaces/nsid_test.c, the
# nsid_*_basic tests (mnt, cgroup, ipc, uts, user, time, pid, net).
init open /proc/self/ns/mnt as mnt => ok
init open /proc/self/ns/cgroup as cgroup => ok
init open /proc/self/ns/ipc as ipc => ok
init open /proc/self/ns/uts as uts => ok
init open /proc/self/ns/user as user => ok
init open /proc/self/ns/time as time => ok
init open /proc/self/ns/pid as pid => ok
init open /proc/self/ns/net as net => ok
init ioctl mnt NS_GET_ID => id1
init ioctl mnt NS_GET_ID => id1
init ioctl cgroup NS_GET_ID => id2
init ioctl cgroup NS_GET_ID => id2
init ioctl ipc NS_GET_ID => id3
init ioctl ipc NS_GET_ID => id3
init ioctl uts NS_GET_ID => id4
init ioctl uts NS_GET_ID => id4
init ioctl user NS_GET_ID => id5
init ioctl user NS_GET_ID => id5
init ioctl time NS_GET_ID => id6
init ioctl time NS_GET_ID => id6
init ioctl pid NS_GET_ID => id7
init ioctl pid NS_GET_ID => id7
init ioctl net NS_GET_ID => id8
init ioctl net NS_GET_ID => id8
