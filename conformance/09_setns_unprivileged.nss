# Without CAP_SYS_ADMIN (uid 1000 after setresuid), setns(CLONE_NEWNET) is
# EPERM, even into the netns the task is already in; the fd and type checks
# come first (EINVAL for a type mismatch or a non-namespace fd).
# Reference: linux-behaviour.md §3 (uid 65534 rows).
init spawn t
t unshare net => ok
init open /proc/@t/ns/net as other => ok
init touch /run/plain => ok
init open /run/plain as f => ok
init spawn u
u setuid 1000 => ok
u open /proc/self/ns/net as own => ok
u setns other net => error EPERM
u setns other 0 => error EPERM
u setns own net => error EPERM
u setns other user => error EINVAL
u setns f net => error EINVAL
u readlink /proc/self/ns/net => net:[ns1]
