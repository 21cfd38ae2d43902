# The ipc sysctls belong to the root of the ipc namespace's owning user
# namespace (ipc_permissions compares the writer's euid with that root's
# kuid): uid 1000 as root of its own user namespace may write them in the
# ipc namespace it made, not in the scenario's (EACCES); a grandchild user
# namespace whose root maps to the same kuid 1000 may write them too,
# though it does not own that ipc namespace.
# Reference: probed on the reference kernel.
init spawn t => ok
t setuid 1000 => ok
t unshare user => ok
init write /proc/@t/uid_map "0 1000 1" => ok
init write /proc/@t/gid_map "0 0 1" => ok
t write /proc/sys/kernel/msgmax 100 => error EACCES
t unshare ipc => ok
t write /proc/sys/kernel/msgmax 100 => ok
t cat /proc/sys/kernel/msgmax => 100
init cat /proc/sys/kernel/msgmax => 8192
t spawn g => ok
g prctl dumpable 1 => ok
g unshare user => ok
g write /proc/self/setgroups deny => ok
g write /proc/self/uid_map "0 0 1" => ok
g write /proc/self/gid_map "0 0 1" => ok
g readlink /proc/self/ns/user => user:[ns1]
t readlink /proc/self/ns/user => user:[ns2]
g write /proc/sys/kernel/msgmax 101 => ok
t cat /proc/sys/kernel/msgmax => 101
