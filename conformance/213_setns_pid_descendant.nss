# setns into a pid namespace below the active one sets pid_for_children
# only: the task keeps its pid and pid namespace, and its next child is born
# in the target namespace with the next free pid there.
# Reference: probed on the reference kernel.
init spawn t => ok
t unshare pid => ok
t spawn u => ok
u getpid => pid 1
init open /proc/@u/ns/pid as child => ok
init setns child pid => ok
init readlink /proc/self/ns/pid => pid:[ns1]
init readlink /proc/self/ns/pid_for_children => pid:[ns2]
init getpid => pid init
init spawn v => ok
v getpid => pid 2
v readlink /proc/self/ns/pid => pid:[ns2]
