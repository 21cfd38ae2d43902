# A second unshare(CLONE_NEWPID) is EINVAL while pid_for_children differs
# from the task's active pid namespace, before the first fork as after it
# (copy_pid_ns); with another flag the whole call fails and nothing changes.
# Reference: probed on the reference kernel.
init spawn t => ok
t readlink /proc/self/ns/net => net:[ns1]
t unshare pid => ok
t unshare pid => error EINVAL
t unshare net,pid => error EINVAL
t readlink /proc/self/ns/net => net:[ns1]
t spawn u => ok
t unshare pid => error EINVAL
u unshare pid => ok
