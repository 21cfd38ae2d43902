# unshare(CLONE_NEWTIME) changes time_for_children only; the task stays in
# its time namespace, and its children are born in the new one (both of
# their links name it).
# Reference: probed on the reference kernel.
init spawn t => ok
t readlink /proc/self/ns/time => time:[ns1]
t readlink /proc/self/ns/time_for_children => time:[ns1]
t unshare time => ok
t readlink /proc/self/ns/time => time:[ns1]
t readlink /proc/self/ns/time_for_children => time:[ns2]
t spawn u => ok
u readlink /proc/self/ns/time => time:[ns2]
u readlink /proc/self/ns/time_for_children => time:[ns2]
