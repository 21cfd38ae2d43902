# The limit is hierarchical: a grandchild user namespace with its own limit
# of 100, under a child limited to 3 with 2 netns in use, can make one netns
# and the next is ENOSPC.
# Reference: linux-behaviour.md §5 ("The limit is hierarchical").
init spawn t
t unshare user => ok
t write /proc/self/setgroups deny => ok
t write /proc/self/uid_map "0 0 1" => ok
t write /proc/self/gid_map "0 0 1" => ok
t write /proc/sys/user/max_net_namespaces 3 => ok
t unshare net => ok
t open /proc/self/ns/net as n1 => ok
t unshare net => ok
t open /proc/self/ns/net as n2 => ok
t unshare user => ok
t write /proc/self/setgroups deny => ok
t write /proc/self/uid_map "0 0 1" => ok
t write /proc/self/gid_map "0 0 1" => ok
t cat /proc/sys/user/max_net_namespaces => 2147483647
t write /proc/sys/user/max_net_namespaces 100 => ok
t unshare net => ok
t unshare net => error ENOSPC
