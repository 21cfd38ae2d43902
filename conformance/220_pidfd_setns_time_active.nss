# setns(pidfd, time) joins the target's active time namespace, not its
# time_for_children: a target that only unshared time gives the time
# namespace it is in. A pidfd of a task born in the new time namespace
# moves both time and time_for_children of the caller.
# Reference: probed on the reference kernel.
init spawn t => ok
t unshare time => ok
t readlink /proc/self/ns/time => time:[ns1]
t readlink /proc/self/ns/time_for_children => time:[ns2]
t spawn u => ok
init pidfd t as pt => ok
init pidfd u as pu => ok
init setns pt time => ok
init readlink /proc/self/ns/time => time:[ns1]
init readlink /proc/self/ns/time_for_children => time:[ns1]
init setns pu time => ok
init readlink /proc/self/ns/time => time:[ns2]
init readlink /proc/self/ns/time_for_children => time:[ns2]
