# Writing "-1", "abc" or "2147483648" to max_net_namespaces in a child user
# namespace is EINVAL and leaves the value alone.
# Reference: linux-behaviour.md §5 ("writing \"-1\", \"abc\" or \"2147483648\"").
init spawn t
t unshare user => ok
t write /proc/self/setgroups deny => ok
t write /proc/self/uid_map "0 0 1" => ok
t write /proc/self/gid_map "0 0 1" => ok
t write /proc/sys/user/max_net_namespaces -1 => error EINVAL
t write /proc/sys/user/max_net_namespaces abc => error EINVAL
t write /proc/sys/user/max_net_namespaces 2147483648 => error EINVAL
t cat /proc/sys/user/max_net_namespaces => 2147483647
