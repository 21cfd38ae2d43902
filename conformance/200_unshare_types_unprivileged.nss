# Without CAP_SYS_ADMIN every namespace type is refused: unshare(2) of uts,
# ipc, mnt, pid, cgroup or time alone (or several at once) as uid 1000 is
# EPERM, and none of the task's namespaces changes.
# Reference: probed on the reference kernel.
init spawn t => ok
t setuid 1000 => ok
t readlink /proc/self/ns/uts => uts:[ns1]
t unshare uts => error EPERM
t unshare ipc => error EPERM
t unshare mnt => error EPERM
t unshare pid => error EPERM
t unshare cgroup => error EPERM
t unshare time => error EPERM
t unshare uts,ipc => error EPERM
t readlink /proc/self/ns/uts => uts:[ns1]
t readlink /proc/self/ns/pid_for_children => pid:[ns2]
t readlink /proc/self/ns/time_for_children => time:[ns3]
