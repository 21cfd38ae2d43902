# msg_next_id, sem_next_id and shm_next_id read -1 until set, and take 0 to
# INT_MAX: -1 is EINVAL like any number below the range, and the value
# stays.
# Source: the kernel's ipc sysctl table (ipc/ipc_sysctl.c); LTP and CRIU
# set these before creating objects. Probed: netns diff.
init spawn t => ok
t unshare ipc => ok
t cat /proc/sys/kernel/msg_next_id => -1
t write /proc/sys/kernel/msg_next_id -1 => error EINVAL
t write /proc/sys/kernel/sem_next_id -1 => error EINVAL
t write /proc/sys/kernel/shm_next_id -2 => error EINVAL
t cat /proc/sys/kernel/msg_next_id => -1
t write /proc/sys/kernel/msg_next_id 0 => ok
t cat /proc/sys/kernel/msg_next_id => 0
t write /proc/sys/kernel/shm_next_id 2147483647 => ok
t cat /proc/sys/kernel/shm_next_id => 2147483647
