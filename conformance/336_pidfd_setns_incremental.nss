# setns() through a pidfd, one type per call (user first), moves the caller
# into each of the target's namespaces; for pid only pid_for_children
# changes: the caller keeps its own pid namespace.
# Source: kernel tools/testing/selftests/pidfd/pidfd_setns_test.c, pidfd_incremental_setns.
init spawn c => ok
c unshare user,mnt,cgroup,ipc,uts,pid,net,time => ok
c spawn k => ok
init spawn s => ok
s pidfd k as p => ok
s readlink /proc/self/ns/pid => pid:[ns1]
s setns p user => ok
s setns p mnt => ok
s setns p pid => ok
s setns p uts => ok
s setns p ipc => ok
s setns p net => ok
s setns p cgroup => ok
s setns p time => ok
k readlink /proc/self/ns/user => user:[ns2]
s readlink /proc/self/ns/user => user:[ns2]
k readlink /proc/self/ns/mnt => mnt:[ns3]
s readlink /proc/self/ns/mnt => mnt:[ns3]
k readlink /proc/self/ns/uts => uts:[ns4]
s readlink /proc/self/ns/uts => uts:[ns4]
k readlink /proc/self/ns/ipc => ipc:[ns5]
s readlink /proc/self/ns/ipc => ipc:[ns5]
k readlink /proc/self/ns/net => net:[ns6]
s readlink /proc/self/ns/net => net:[ns6]
k readlink /proc/self/ns/cgroup => cgroup:[ns7]
s readlink /proc/self/ns/cgroup => cgroup:[ns7]
k readlink /proc/self/ns/time => time:[ns8]
s readlink /proc/self/ns/time => time:[ns8]
k readlink /proc/self/ns/pid => pid:[ns9]
s readlink /proc/self/ns/pid_for_children => pid:[ns9]
s readlink /proc/self/ns/pid => pid:[ns1]
