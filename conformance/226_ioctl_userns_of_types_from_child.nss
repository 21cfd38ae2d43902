# NS_GET_USERNS on namespaces of every type: from the initial user namespace
# it gives the owner; from inside a child user namespace, a uts or pid
# namespace owned by the initial one is EPERM (the owner is outside), a uts
# namespace it made itself gives its own user namespace.
# Reference: probed on the reference kernel.
init readlink /proc/self/ns/user => user:[ns1]
init open /proc/self/ns/uts as uts => ok
init open /proc/self/ns/pid as pid => ok
init ioctl uts NS_GET_USERNS as o1 => ok
init readlink /proc/self/fd/%o1 => user:[ns1]
init ioctl pid NS_GET_USERNS as o2 => ok
init readlink /proc/self/fd/%o2 => user:[ns1]
init spawn t => ok
t unshare user => ok
t write /proc/self/setgroups deny => ok
t write /proc/self/uid_map "0 0 1" => ok
t write /proc/self/gid_map "0 0 1" => ok
t ioctl uts NS_GET_USERNS => error EPERM
t ioctl pid NS_GET_USERNS => error EPERM
t unshare uts => ok
t open /proc/self/ns/uts as myuts => ok
t ioctl myuts NS_GET_USERNS as o3 => ok
t readlink /proc/self/fd/%o3 => user:[ns2]
t readlink /proc/self/ns/user => user:[ns2]
