# After joining one child's user namespace (and the rest), the caller has no
# capability over a sibling child's namespaces: setns() into each of them is
# refused, through the pidfd and through namespace fds alike.
# Source: kernel tools/testing/selftests/pidfd/pidfd_setns_test.c, no_foul_play.
init spawn c1 => ok
c1 unshare user,mnt,cgroup,ipc,uts,pid,net,time => ok
c1 spawn k1 => ok
init spawn c2 => ok
c2 unshare user,mnt,cgroup,ipc,uts,pid,net,time => ok
c2 spawn k2 => ok
init spawn s => ok
s pidfd k1 as p1 => ok
s pidfd k2 as p2 => ok
s open /proc/@k2/ns/user as user => ok
s open /proc/@k2/ns/mnt as mnt => ok
s open /proc/@k2/ns/pid as pid => ok
s open /proc/@k2/ns/uts as uts => ok
s open /proc/@k2/ns/ipc as ipc => ok
s open /proc/@k2/ns/net as net => ok
s open /proc/@k2/ns/cgroup as cgroup => ok
s open /proc/@k2/ns/time as time => ok
s setns p1 user,mnt,pid,uts,ipc,net,cgroup,time => ok
s setns p2 user => error EPERM
s setns user user => error EPERM
s setns p2 mnt => error EPERM
s setns mnt mnt => error EPERM
s setns p2 pid => error EPERM
s setns pid pid => error EPERM
s setns p2 uts => error EPERM
s setns uts uts => error EPERM
s setns p2 ipc => error EPERM
s setns ipc ipc => error EPERM
s setns p2 net => error EPERM
s setns net net => error EPERM
s setns p2 cgroup => error EPERM
s setns cgroup cgroup => error EPERM
s setns p2 time => error EPERM
s setns time time => error EPERM
