# /proc/PID/timens_offsets shows and sets the offsets of the task's
# time_for_children namespace ("%-10s %10lld %9ld" per clock, monotonic
# then boottime). They can be set only until a task has entered it: in the
# scenario's time namespace (entered) a write is EACCES; after unshare time
# it works, and after the first child is born it is EACCES again. The
# child sees the offsets.
# Reference: probed on the reference kernel.
init cat /proc/self/timens_offsets => monotonic           0         0 | boottime            0         0
init spawn t => ok
t write /proc/self/timens_offsets "monotonic 10 0" => error EACCES
t unshare time => ok
t write /proc/self/timens_offsets "monotonic 10 0" => ok
t write /proc/self/timens_offsets "boottime -5 500" => ok
t cat /proc/self/timens_offsets => monotonic          10         0 | boottime           -5       500
t spawn u => ok
u cat /proc/self/timens_offsets => monotonic          10         0 | boottime           -5       500
t write /proc/self/timens_offsets "monotonic 20 0" => error EACCES
u write /proc/self/timens_offsets "monotonic 20 0" => error EACCES
init write /proc/@t/timens_offsets "monotonic 20 0" => error EACCES
init cat /proc/@t/timens_offsets => monotonic          10         0 | boottime           -5       500
