# Bad timens_offsets writes: an unknown clock (realtime, a word) or
# nanoseconds out of 0..999999999 is EINVAL; an offset that would put the
# clock below 0 or above KTIME_SEC_MAX/2 is ERANGE; clocks may be given by
# number (1 monotonic, 7 boottime). Without CAP_SYS_TIME the write is EPERM.
# Reference: probed on the reference kernel.
init spawn t => ok
t unshare time => ok
t write /proc/self/timens_offsets "realtime 1 0" => error EINVAL
t write /proc/self/timens_offsets "foo 1 0" => error EINVAL
t write /proc/self/timens_offsets "monotonic 1 1000000000" => error EINVAL
t write /proc/self/timens_offsets "monotonic 1 -1" => error EINVAL
t write /proc/self/timens_offsets "monotonic 9223372036854775807 0" => error ERANGE
t write /proc/self/timens_offsets "boottime -1000000000 0" => error ERANGE
t write /proc/self/timens_offsets "1 7 0" => ok
t write /proc/self/timens_offsets "7 3 0" => ok
t cat /proc/self/timens_offsets => monotonic           7         0 | boottime            3         0
t caps drop CAP_SYS_TIME => ok
t write /proc/self/timens_offsets "monotonic 1 0" => error EPERM
