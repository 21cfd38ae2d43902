# A child unshares uts, ipc, net and user together; its parent (root of the
# parent user namespace) may join the child's uts and ipc through a pidfd
# without joining its user namespace, and only those two change.
# Source: kernel tools/testing/selftests/namespaces/regression_pidfd_setns_test.c, simple_pidfd_setns.
init spawn c => ok
c unshare uts,ipc,net,user => ok
init pidfd c as p => ok
init setns p uts,ipc => ok
c readlink /proc/self/ns/uts => uts:[ns1]
init readlink /proc/self/ns/uts => uts:[ns1]
c readlink /proc/self/ns/ipc => ipc:[ns2]
init readlink /proc/self/ns/ipc => ipc:[ns2]
c readlink /proc/self/ns/net => net:[ns3]
init readlink /proc/self/ns/net => net:[ns4]
c readlink /proc/self/ns/user => user:[ns5]
init readlink /proc/self/ns/user => user:[ns6]
