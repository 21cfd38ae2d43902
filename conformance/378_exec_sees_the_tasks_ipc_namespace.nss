# A real program sees the ipc namespace of the task that runs it: its
# /proc/self/ns/ipc, and the limits in /proc/sys/kernel that namespace
# holds (a write by the program lands there too); unshare -i gives it a new
# namespace with the defaults.
# Source: util-linux unshare(1) -i; ipc/ipc_sysctl.c (per-namespace
# limits). Probed: netns diff.
init spawn t => ok
t unshare ipc => ok
t readlink /proc/self/ns/ipc => ipc:[ns1]
t write /proc/sys/kernel/msgmax 123 => ok
t exec readlink /proc/self/ns/ipc => ipc:[ns1]
t exec cat /proc/sys/kernel/msgmax => 123
t exec sh -c "echo 456 > /proc/sys/kernel/msgmax" =>
t cat /proc/sys/kernel/msgmax => 456
t exec unshare -i cat /proc/sys/kernel/msgmax => 8192
t cat /proc/sys/fs/mqueue/msg_max => 10
t exec cat /proc/sys/fs/mqueue/msg_max => 10
