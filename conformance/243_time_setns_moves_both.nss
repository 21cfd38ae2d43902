# setns into a time namespace moves the task itself (the clocks change at
# once) and its time_for_children; the unsharer may enter its own new time
# namespace this way, and then its offsets are fixed (EACCES).
# Reference: probed on the reference kernel.
init spawn t => ok
t readlink /proc/self/ns/time => time:[ns1]
t unshare time => ok
t write /proc/self/timens_offsets "monotonic 100 0" => ok
t open /proc/self/ns/time_for_children as tfc => ok
t setns tfc time => ok
t readlink /proc/self/ns/time => time:[ns2]
t readlink /proc/self/ns/time_for_children => time:[ns2]
t write /proc/self/timens_offsets "monotonic 100 0" => error EACCES
init open /proc/@t/ns/time as tt => ok
init setns tt time => ok
init readlink /proc/self/ns/time => time:[ns2]
init cat /proc/self/timens_offsets => monotonic         100         0 | boottime            0         0
