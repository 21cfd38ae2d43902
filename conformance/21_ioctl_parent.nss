# NS_GET_PARENT: EINVAL on any netns fd; EPERM on the init userns and on a
# userns whose parent is outside the caller's userns; from the init userns,
# a level-2 userns gives level 1 and level 1 gives the init userns.
# Reference: linux-behaviour.md §2 (NS_GET_PARENT rows).
init readlink /proc/self/ns/user => user:[ns1]
init open /proc/self/ns/net as initnet => ok
init open /proc/self/ns/user as inituser => ok
init ioctl initnet NS_GET_PARENT => error EINVAL
init ioctl inituser NS_GET_PARENT => error EPERM
init spawn t
t unshare user => ok
t write /proc/self/setgroups deny => ok
t write /proc/self/uid_map "0 0 1" => ok
t write /proc/self/gid_map "0 0 1" => ok
t open /proc/self/ns/user as level1 => ok
t readlink /proc/self/fd/%level1 => user:[ns2]
t ioctl level1 NS_GET_PARENT => error EPERM
t unshare net => ok
t open /proc/self/ns/net as childnet => ok
t ioctl childnet NS_GET_PARENT => error EINVAL
t unshare user => ok
t readlink /proc/self/ns/user => user:[ns3]
init open /proc/@t/ns/user as level2 => ok
init ioctl level2 NS_GET_PARENT as p2 => ok
init readlink /proc/self/fd/%p2 => user:[ns2]
init ioctl p2 NS_GET_PARENT as p1 => ok
init readlink /proc/self/fd/%p1 => user:[ns1]
