# The same moves with namespace fds of the target, opened beforehand, one
# setns() each with its type: the caller ends in each of the target's
# namespaces, except that for pid only pid_for_children changes.
# Source: kernel tools/testing/selftests/pidfd/pidfd_setns_test.c, nsfd_incremental_setns.
init spawn c => ok
c unshare user,mnt,cgroup,ipc,uts,pid,net,time => ok
c spawn k => ok
init spawn s => ok
s open /proc/@k/ns/user as user => ok
s open /proc/@k/ns/mnt as mnt => ok
s open /proc/@k/ns/pid as pid => ok
s open /proc/@k/ns/uts as uts => ok
s open /proc/@k/ns/ipc as ipc => ok
s open /proc/@k/ns/net as net => ok
s open /proc/@k/ns/cgroup as cgroup => ok
s open /proc/@k/ns/time as time => ok
s readlink /proc/self/ns/pid => pid:[ns1]
s setns user user => ok
s setns mnt mnt => ok
s setns pid pid => ok
s setns uts uts => ok
s setns ipc ipc => ok
s setns net net => ok
s setns cgroup cgroup => ok
s setns time time => ok
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
