# A new user namespace's limits start at 2147483647 (INT_MAX) for every
# type: they are not copied from the parent user namespace, whose lowered
# values still apply on top (the hierarchical check).
# Reference: probed on the reference kernel.
init spawn t => ok
t unshare user => ok
t write /proc/self/setgroups deny => ok
t write /proc/self/uid_map "0 0 1" => ok
t write /proc/self/gid_map "0 0 1" => ok
t write /proc/sys/user/max_uts_namespaces 0 => ok
t spawn u => ok
u unshare user => ok
u cat /proc/sys/user/max_uts_namespaces => 2147483647
u cat /proc/sys/user/max_ipc_namespaces => 2147483647
u cat /proc/sys/user/max_time_namespaces => 2147483647
u unshare uts => error ENOSPC
t cat /proc/sys/user/max_uts_namespaces => 0
