# The user-namespace limits take an unsigned long (proc_doulongvec_minmax):
# any '-' is EINVAL, even "-0", where somaxconn's int handler takes "-0"
# as 0.
# Reference: probed on the reference kernel (netns diff).
init spawn t => ok
t unshare user => ok
t write /proc/self/setgroups deny => ok
t write /proc/self/uid_map "0 0 1" => ok
t write /proc/self/gid_map "0 0 1" => ok
t write /proc/sys/user/max_net_namespaces -0 => error EINVAL
t write /proc/sys/user/max_user_namespaces -0 => error EINVAL
t write /proc/sys/user/max_net_namespaces -1 => error EINVAL
t cat /proc/sys/user/max_net_namespaces => 2147483647
init spawn s => ok
s unshare net => ok
s write /proc/sys/net/core/somaxconn -0 => ok
s cat /proc/sys/net/core/somaxconn => 0
