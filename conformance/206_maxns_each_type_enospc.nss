# Every namespace type has its limit in /proc/sys/user of the user namespace
# that would own the new namespace; at 0, unshare of that type is ENOSPC
# (checked in a child user namespace whose root may write the limits).
# Reference: probed on the reference kernel.
init spawn t => ok
t unshare user => ok
t write /proc/self/setgroups deny => ok
t write /proc/self/uid_map "0 0 1" => ok
t write /proc/self/gid_map "0 0 1" => ok
t write /proc/sys/user/max_uts_namespaces 0 => ok
t unshare uts => error ENOSPC
t write /proc/sys/user/max_ipc_namespaces 0 => ok
t unshare ipc => error ENOSPC
t write /proc/sys/user/max_mnt_namespaces 0 => ok
t unshare mnt => error ENOSPC
t write /proc/sys/user/max_pid_namespaces 0 => ok
t unshare pid => error ENOSPC
t write /proc/sys/user/max_cgroup_namespaces 0 => ok
t unshare cgroup => error ENOSPC
t write /proc/sys/user/max_time_namespaces 0 => ok
t unshare time => error ENOSPC
t write /proc/sys/user/max_net_namespaces 0 => ok
t unshare net => error ENOSPC
t write /proc/sys/user/max_user_namespaces 0 => ok
t unshare user => error ENOSPC
t cat /proc/sys/user/max_uts_namespaces => 0
