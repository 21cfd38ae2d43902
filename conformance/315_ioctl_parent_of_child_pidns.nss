# A child born in a new pid namespace is pid 1 there; NS_GET_PARENT on its
# pid namespace gives the parent's own pid namespace, not the child's.
# Source: LTP ioctl_ns05.
init unshare pid => ok
init spawn c => ok
c getpid => pid 1
init open /proc/self/ns/pid as mine => ok
init open /proc/@c/ns/pid as child => ok
init ioctl child NS_GET_PARENT as parent => ok
init readlink /proc/self/fd/%mine => pid:[ns1]
init readlink /proc/self/fd/%child => pid:[ns2]
init readlink /proc/self/fd/%parent => pid:[ns1]
