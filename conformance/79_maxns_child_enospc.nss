# In a fresh child user namespace max_net_namespaces reads 2147483647 and is
# writable by its root; with the limit at 3, three unshare(CLONE_NEWNET)
# succeed and the fourth is ENOSPC, as is unshare(CLONE_NEWUSER|CLONE_NEWNET).
# Reference: linux-behaviour.md §5 (child userns bullets, "With max=3").
init spawn t
t unshare user => ok
t write /proc/self/setgroups deny => ok
t write /proc/self/uid_map "0 0 1" => ok
t write /proc/self/gid_map "0 0 1" => ok
t cat /proc/sys/user/max_net_namespaces => 2147483647
t cat /proc/sys/user/max_user_namespaces => 2147483647
t write /proc/sys/user/max_net_namespaces 3 => ok
t cat /proc/sys/user/max_net_namespaces => 3
t unshare net => ok
t open /proc/self/ns/net as n1 => ok
t unshare net => ok
t open /proc/self/ns/net as n2 => ok
t unshare net => ok
t open /proc/self/ns/net as n3 => ok
t readlink /proc/self/ns/net => net:[ns1]
t unshare net => error ENOSPC
t readlink /proc/self/ns/net => net:[ns1]
t unshare user,net => error ENOSPC
t readlink /proc/self/ns/user => user:[ns2]
# init keeps its own limit, the machine's (no number: it follows the memory).
init cat /proc/sys/user/max_net_namespaces
