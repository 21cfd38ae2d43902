# A second unshare(CLONE_NEWTIME) before any task entered the first new
# time namespace makes another one, which starts with a copy of the offsets
# of the time_for_children it replaces (clone_time_ns copies them).
# Reference: probed on the reference kernel.
init spawn t => ok
t unshare time => ok
t readlink /proc/self/ns/time_for_children => time:[ns1]
t write /proc/self/timens_offsets "monotonic 10 0" => ok
t unshare time => ok
t readlink /proc/self/ns/time_for_children => time:[ns2]
t cat /proc/self/timens_offsets => monotonic          10         0 | boottime            0         0
t write /proc/self/timens_offsets "monotonic 20 0" => ok
t spawn u => ok
u cat /proc/self/timens_offsets => monotonic          20         0 | boottime            0         0
