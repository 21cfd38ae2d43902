# unshare checks CAP_SYS_ADMIN once, before it makes any namespace: without
# it the answer is EPERM even where the limit is 0 (ENOSPC with it). The
# user-namespace limit is checked before that (user first, unshare_userns),
# so unshare user at a 0 limit is ENOSPC without any capability.
# Reference: probed on the reference kernel.
init spawn t => ok
t unshare user => ok
t write /proc/self/setgroups deny => ok
t write /proc/self/uid_map "0 0 1" => ok
t write /proc/self/gid_map "0 0 1" => ok
t write /proc/sys/user/max_ipc_namespaces 0 => ok
t write /proc/sys/user/max_user_namespaces 0 => ok
t spawn u => ok
t unshare ipc => error ENOSPC
u caps drop CAP_SYS_ADMIN => ok
u unshare ipc => error EPERM
u unshare user => error ENOSPC
