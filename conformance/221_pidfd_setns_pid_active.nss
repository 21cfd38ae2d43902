# setns(pidfd, pid) sets pid_for_children to the target's active pid
# namespace: a target that unshared pid gives its own (the caller's)
# namespace, the init of the new namespace gives the new one.
# Reference: probed on the reference kernel.
init spawn t => ok
t unshare pid => ok
t spawn u => ok
init readlink /proc/self/ns/pid => pid:[ns1]
init pidfd t as pt => ok
init pidfd u as pu => ok
init setns pt pid => ok
init readlink /proc/self/ns/pid_for_children => pid:[ns1]
init setns pu pid => ok
init readlink /proc/self/ns/pid_for_children => pid:[ns2]
init readlink /proc/self/ns/pid => pid:[ns1]
