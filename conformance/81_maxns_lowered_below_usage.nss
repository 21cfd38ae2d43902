# Lowering max_net_namespaces to 0 or to 1 while 3 netns are in use
# succeeds; unshare(CLONE_NEWNET) is then ENOSPC, but the existing
# namespaces stay usable (setns into one of them works).
# Reference: linux-behaviour.md §5 ("Writing 0 while 3 are in use").
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
t unshare net => ok
t write /proc/sys/user/max_net_namespaces 0 => ok
t cat /proc/sys/user/max_net_namespaces => 0
t unshare net => error ENOSPC
t write /proc/sys/user/max_net_namespaces 1 => ok
t unshare net => error ENOSPC
t setns n2 net => ok
t readlink /proc/self/ns/net => net:[ns1]
t readlink /proc/self/fd/%n2 => net:[ns1]
