# A scenario fd name outlives its close: closing it again, setns and ioctl
# on it reach the kernel as a closed fd and give EBADF; the name can then
# be opened again. (docs/scenarios.md, "Tasks and fds")
init open /proc/self/ns/net as n => ok
init close n => ok
init close n => error EBADF
init setns n net => error EBADF
init ioctl n NS_GET_NSTYPE => error EBADF
init spawn t
t close n => error EBADF
init open /proc/self/ns/net as n => ok
init ioctl n NS_GET_NSTYPE => 0x40000000
init close n => ok
