# /proc/sys/kernel/ns_last_pid is the last pid handed out in the pid
# namespace of whoever reads it; writing N (by root of that namespace's
# owner) makes the next fork there get N+1. Without CAP_SYS_ADMIN or
# CAP_CHECKPOINT_RESTORE over the owner a write is EPERM before the value
# is looked at; the value is 0 to pid_max.
# Source: LTP and CRIU set it before a fork (kernel/pid_namespace.c,
# pid_ns_ctl_handler). Probed: netns diff.
init spawn a => ok
a unshare pid => ok
a spawn b => ok
b cat /proc/sys/kernel/ns_last_pid => 1
b spawn x => ok
x getpid => pid 2
b cat /proc/sys/kernel/ns_last_pid => 2
b write /proc/sys/kernel/ns_last_pid 100 => ok
b spawn c => ok
c getpid => pid 101
c cat /proc/sys/kernel/ns_last_pid => 101
b write /proc/sys/kernel/ns_last_pid -1 => error EINVAL
b write /proc/sys/kernel/ns_last_pid x => error EINVAL
b spawn u => ok
u setuid 1000 => ok
u write /proc/sys/kernel/ns_last_pid 5 => error EPERM
u write /proc/sys/kernel/ns_last_pid x => error EPERM
u cat /proc/sys/kernel/ns_last_pid => 102
