# unshare of pid and time together: time_for_children shows the new time
# namespace at once, while pid_for_children stays unreadable until the
# first child (read by the task itself or by another through /proc/PID).
# Reference: probed on the reference kernel.
init spawn t => ok
t unshare pid,time => ok
t readlink /proc/self/ns/time_for_children => time:[ns1]
t readlink /proc/self/ns/pid_for_children => error ENOENT
init readlink /proc/@t/ns/pid_for_children => error ENOENT
init readlink /proc/@t/ns/time_for_children => time:[ns1]
t spawn u => ok
init readlink /proc/@t/ns/pid_for_children => pid:[ns2]
u readlink /proc/self/ns/time => time:[ns1]
