# NS_GET_NSTYPE gives each type's CLONE_NEW* flag; pid_for_children and
# time_for_children give the pid and time flags.
# Reference: linux-behaviour.md §2 (NS_GET_NSTYPE rows); probed on the
# reference kernel.
init open /proc/self/ns/cgroup as cgroup => ok
init open /proc/self/ns/ipc as ipc => ok
init open /proc/self/ns/mnt as mnt => ok
init open /proc/self/ns/net as net => ok
init open /proc/self/ns/pid as pid => ok
init open /proc/self/ns/pid_for_children as pidc => ok
init open /proc/self/ns/time as time => ok
init open /proc/self/ns/time_for_children as timec => ok
init open /proc/self/ns/user as user => ok
init open /proc/self/ns/uts as uts => ok
init ioctl cgroup NS_GET_NSTYPE => 0x2000000
init ioctl ipc NS_GET_NSTYPE => 0x8000000
init ioctl mnt NS_GET_NSTYPE => 0x20000
init ioctl net NS_GET_NSTYPE => 0x40000000
init ioctl pid NS_GET_NSTYPE => 0x20000000
init ioctl pidc NS_GET_NSTYPE => 0x20000000
init ioctl time NS_GET_NSTYPE => 0x80
init ioctl timec NS_GET_NSTYPE => 0x80
init ioctl user NS_GET_NSTYPE => 0x10000000
init ioctl uts NS_GET_NSTYPE => 0x4000000
