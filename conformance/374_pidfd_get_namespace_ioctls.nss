# A pidfd hands out fds on its task's namespaces: PIDFD_GET_<TYPE>_NAMESPACE
# (_IO(0xFF, 1..10): cgroup, ipc, mnt, net, pid, pid_for_children, time,
# time_for_children, user, uts) each returns a new fd (the lowest free) on
# the namespace /proc/PID/ns/<type> names; the fd of an exited task's pidfd
# is ESRCH, another request number ENOTTY.
# Source: kernel tools/testing/selftests/pidfd/pidfd_setns_test.c and
# pidfd_info_test.c (the PIDFD_GET_*_NAMESPACE ioctls); fs/pidfs.c. Probed:
# netns diff.
init spawn t => ok
t unshare uts,ipc,mnt,net,cgroup => ok
init pidfd t as p => ok
init ioctl p 0xff0a => 1
init readlink /proc/self/fd/1 => uts:[ns1]
t readlink /proc/self/ns/uts => uts:[ns1]
init close 1 => ok
init ioctl p 0xff02 => 1
init readlink /proc/self/fd/1 => ipc:[ns2]
t readlink /proc/self/ns/ipc => ipc:[ns2]
init close 1 => ok
init ioctl p 0xff03 => 1
init ioctl p 0xff04 => 2
init ioctl p 0xff01 => 3
init readlink /proc/self/fd/1 => mnt:[ns3]
init readlink /proc/self/fd/2 => net:[ns4]
init readlink /proc/self/fd/3 => cgroup:[ns5]
t readlink /proc/self/ns/net => net:[ns4]
init setns 2 net => ok
init readlink /proc/self/ns/net => net:[ns4]
init ioctl p 0xff09 => 4
init readlink /proc/self/fd/4 => user:[ns6]
init ioctl p 0xff05 => 5
init readlink /proc/self/fd/5 => pid:[ns7]
init ioctl p 0xff0b => error ENOTTY
init ioctl p 0xff00 => error ENOTTY
t exit => ok
init ioctl p 0xff0a => error ESRCH
