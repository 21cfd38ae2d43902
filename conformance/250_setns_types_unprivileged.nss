# Without CAP_SYS_ADMIN setns into a namespace of any type is EPERM, even
# into the one the task is already in (as for net, the check comes before
# any comparison); a fd of the wrong type is EINVAL first.
# Reference: linux-behaviour.md §3 (uid 65534 rows, for net); probed on the
# reference kernel for the other types with mininss.py.
init open /proc/self/ns/uts as uts => ok
init open /proc/self/ns/ipc as ipc => ok
init open /proc/self/ns/cgroup as cgroup => ok
init open /proc/self/ns/time as time => ok
init open /proc/self/ns/pid as pid => ok
init open /proc/self/ns/mnt as mnt => ok
init spawn u => ok
u setuid 1000 => ok
u setns uts uts => error EPERM
u setns ipc ipc => error EPERM
u setns cgroup cgroup => error EPERM
u setns time time => error EPERM
u setns pid pid => error EPERM
u setns mnt mnt => error EPERM
u setns uts ipc => error EINVAL
u setns uts 0 => error EPERM
