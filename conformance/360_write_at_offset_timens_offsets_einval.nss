# /proc/PID/timens_offsets, like the id maps, takes its write at position 0
# only: after a seek it is EINVAL and the offsets stay as they were.
# Source: kernel selftests timens/timens.c (offsets written to
# /proc/self/timens_offsets before a task enters). Probed: lseek(1) then
# write.
init spawn t
t unshare time => ok
t write /proc/self/timens_offsets "monotonic 1 0" at 1 => error EINVAL
t cat /proc/self/timens_offsets => monotonic           0         0 | boottime            0         0
t write /proc/self/timens_offsets "monotonic 1 0" at 0 => ok
t cat /proc/self/timens_offsets => monotonic           1         0 | boottime            0         0
