# NS_GET_PARENT works on pid (and user) namespaces only: EINVAL on uts, ipc,
# mnt, cgroup, time and net. On a pid namespace it is EPERM unless the
# parent is the caller's active pid namespace or below it: the scenario's
# root pid namespace (its parent is outside) gives EPERM; a child pid
# namespace gives the root one from outside, EPERM from inside.
# Reference: probed on the reference kernel.
init open /proc/self/ns/uts as uts => ok
init open /proc/self/ns/ipc as ipc => ok
init open /proc/self/ns/mnt as mnt => ok
init open /proc/self/ns/cgroup as cgroup => ok
init open /proc/self/ns/time as time => ok
init open /proc/self/ns/net as net => ok
init open /proc/self/ns/pid as pid => ok
init ioctl uts NS_GET_PARENT => error EINVAL
init ioctl ipc NS_GET_PARENT => error EINVAL
init ioctl mnt NS_GET_PARENT => error EINVAL
init ioctl cgroup NS_GET_PARENT => error EINVAL
init ioctl time NS_GET_PARENT => error EINVAL
init ioctl net NS_GET_PARENT => error EINVAL
init ioctl pid NS_GET_PARENT => error EPERM
init readlink /proc/self/ns/pid => pid:[ns1]
init spawn t => ok
t unshare pid => ok
t spawn u => ok
init open /proc/@u/ns/pid as child => ok
init ioctl child NS_GET_PARENT as up => ok
init readlink /proc/self/fd/%up => pid:[ns1]
u open /proc/self/ns/pid as own => ok
u ioctl own NS_GET_PARENT => error EPERM
