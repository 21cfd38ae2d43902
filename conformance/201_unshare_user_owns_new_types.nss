# With user in the same call an unprivileged unshare of every type works, and
# the new user namespace owns each namespace made with it: NS_GET_USERNS of
# the new uts, ipc, mnt, cgroup, time (for children) and net gives the task's
# own new user namespace.
# Reference: probed on the reference kernel.
init spawn t => ok
t setuid 1000 => ok
t unshare user,uts,ipc,mnt,cgroup,time,net => ok
t readlink /proc/self/ns/user => user:[ns1]
t open /proc/self/ns/uts as uts => ok
t ioctl uts NS_GET_USERNS as o1 => ok
t readlink /proc/self/fd/%o1 => user:[ns1]
t open /proc/self/ns/ipc as ipc => ok
t ioctl ipc NS_GET_USERNS as o2 => ok
t readlink /proc/self/fd/%o2 => user:[ns1]
t open /proc/self/ns/mnt as mnt => ok
t ioctl mnt NS_GET_USERNS as o3 => ok
t readlink /proc/self/fd/%o3 => user:[ns1]
t open /proc/self/ns/cgroup as cg => ok
t ioctl cg NS_GET_USERNS as o4 => ok
t readlink /proc/self/fd/%o4 => user:[ns1]
t open /proc/self/ns/time_for_children as tm => ok
t ioctl tm NS_GET_USERNS as o5 => ok
t readlink /proc/self/fd/%o5 => user:[ns1]
t open /proc/self/ns/net as net => ok
t ioctl net NS_GET_USERNS as o6 => ok
t readlink /proc/self/fd/%o6 => user:[ns1]
