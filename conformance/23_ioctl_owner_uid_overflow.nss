# NS_GET_OWNER_UID seen from a grandchild user namespace whose own uid is
# unmapped gives the overflow uid 65534; from the child (root mapped
# "0 0 1") the child's owner is 0.
# Reference: linux-behaviour.md §2 ("NS_GET_OWNER_UID seen from a grandchild whose own uid is unmapped").
init spawn t
t unshare user => ok
t write /proc/self/setgroups deny => ok
t write /proc/self/uid_map "0 0 1" => ok
t write /proc/self/gid_map "0 0 1" => ok
t open /proc/self/ns/user as child => ok
t ioctl child NS_GET_OWNER_UID => uid 0
t unshare user => ok
t open /proc/self/ns/user as grandchild => ok
t ioctl grandchild NS_GET_OWNER_UID => uid 65534
t ioctl child NS_GET_OWNER_UID => uid 65534
