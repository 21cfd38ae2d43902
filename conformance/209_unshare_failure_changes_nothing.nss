# A failed unshare changes nothing: with ipc over its limit, unshare of
# uts,ipc,net is ENOSPC, every namespace link stays, and the uts namespace
# made (and dropped) on the way gave its count back, so the one uts
# namespace the limit allows can still be made.
# Reference: probed on the reference kernel.
init spawn t => ok
t unshare user => ok
t write /proc/self/setgroups deny => ok
t write /proc/self/uid_map "0 0 1" => ok
t write /proc/self/gid_map "0 0 1" => ok
t write /proc/sys/user/max_uts_namespaces 1 => ok
t write /proc/sys/user/max_ipc_namespaces 0 => ok
t readlink /proc/self/ns/uts => uts:[ns1]
t readlink /proc/self/ns/ipc => ipc:[ns2]
t readlink /proc/self/ns/net => net:[ns3]
t unshare uts,ipc,net => error ENOSPC
t readlink /proc/self/ns/uts => uts:[ns1]
t readlink /proc/self/ns/ipc => ipc:[ns2]
t readlink /proc/self/ns/net => net:[ns3]
t unshare uts => ok
t readlink /proc/self/ns/uts => uts:[ns4]
t unshare uts => error ENOSPC
