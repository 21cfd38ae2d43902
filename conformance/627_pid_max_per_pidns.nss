# pid_max is per pid namespace (Linux 6.14): /proc/sys/kernel/pid_max
# answers for the reader's pid namespace. A new namespace starts at
# PID_MAX_LIMIT (4194304), not at its parent's value; a write takes 301
# (RESERVED_PIDS + 1) to 4194304, else EINVAL, and changes that namespace
# alone. No capability is asked for: the file's mode (0644, global root)
# decides, so uid 1000 is EACCES and a root in a new user namespace
# (still global root) may write.
# Source: kernel/pid.c (pid_max per pid namespace), fs/proc/proc_sysctl.c
# test_perm. Probed: netns diff.
init spawn t => ok
t unshare pid => ok
t spawn u => ok
u cat /proc/sys/kernel/pid_max => 4194304
u write /proc/sys/kernel/pid_max 5000 => ok
u cat /proc/sys/kernel/pid_max => 5000
u write /proc/sys/kernel/pid_max 300 => error EINVAL
u write /proc/sys/kernel/pid_max 4194305 => error EINVAL
u write /proc/sys/kernel/pid_max -1 => error EINVAL
u write /proc/sys/kernel/pid_max 301 => ok
u write /proc/sys/kernel/pid_max 4194304 => ok
u write /proc/sys/kernel/pid_max 5000 => ok
u cat /proc/sys/kernel/pid_max => 5000
u unshare pid => ok
u spawn v => ok
v cat /proc/sys/kernel/pid_max => 4194304
v write /proc/sys/kernel/pid_max 6000 => ok
u cat /proc/sys/kernel/pid_max => 5000
# x and y are v's siblings, in v's pid namespace (u unshared pid).
u spawn x => ok
x setuid 1000 => ok
x write /proc/sys/kernel/pid_max 7000 => error EACCES
u spawn y => ok
y unshare user => ok
y write /proc/sys/kernel/pid_max 7000 => ok
v cat /proc/sys/kernel/pid_max => 7000
u cat /proc/sys/kernel/pid_max => 5000
