# NS_GET_USERNS is EPERM when the owner is outside the caller's userns (init
# netns from a child userns, a child-owned netns from a grandchild); inside the
# child it gives the child userns; from init it reaches a level-2 owner.
# Reference: linux-behaviour.md §2 (NS_GET_USERNS from inside a child userns).
init open /proc/self/ns/net as initnet => ok
init spawn t
t unshare user => ok
t write /proc/self/setgroups deny => ok
t write /proc/self/uid_map "0 0 1" => ok
t write /proc/self/gid_map "0 0 1" => ok
t readlink /proc/self/ns/user => user:[ns1]
t ioctl initnet NS_GET_USERNS => error EPERM
t unshare net => ok
t open /proc/self/ns/net as childnet => ok
t ioctl childnet NS_GET_USERNS as o1 => ok
t readlink /proc/self/fd/%o1 => user:[ns1]
t unshare user,net => ok
t readlink /proc/self/ns/user => user:[ns2]
t ioctl childnet NS_GET_USERNS => error EPERM
init open /proc/@t/ns/net as level2net => ok
init ioctl level2net NS_GET_USERNS as o2 => ok
init readlink /proc/self/fd/%o2 => user:[ns2]
