# setns() through the pidfd of a task that has exited is ESRCH, and none of
# the caller's namespaces changes.
# Source: kernel tools/testing/selftests/pidfd/pidfd_setns_test.c, pidfd_exited_child.
init spawn k => ok
k unshare user,net => ok
init pidfd k as p => ok
k exit => ok
init setns p user,net => error ESRCH
init setns p net => error ESRCH
init readlink /proc/self/ns/net => net:[ns1]
init readlink /proc/self/ns/user => user:[ns2]
init spawn t => ok
t readlink /proc/self/ns/net => net:[ns1]
t readlink /proc/self/ns/user => user:[ns2]
