# /proc/PID/ns holds one link per namespace type and the two
# *_for_children links; in the scenario's root, pid and pid_for_children
# (and time and time_for_children) name the same namespace.
# Reference: linux-behaviour.md §1 (ls -la /proc/self/ns); probed on the
# reference kernel.
init ls /proc/self/ns => cgroup | ipc | mnt | net | pid | pid_for_children | time | time_for_children | user | uts
init readlink /proc/self/ns/pid => pid:[ns1]
init readlink /proc/self/ns/pid_for_children => pid:[ns1]
init readlink /proc/self/ns/time => time:[ns2]
init readlink /proc/self/ns/time_for_children => time:[ns2]
init spawn t => ok
init ls /proc/@t/ns => cgroup | ipc | mnt | net | pid | pid_for_children | time | time_for_children | user | uts
