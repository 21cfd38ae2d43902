# A task without capabilities (uid 1000 after setresuid) cannot
# unshare(CLONE_NEWNET): EPERM, and its network namespace is unchanged.
# Reference: linux-behaviour.md §4 (uid 65534 rows; uid 0 without CAP_SYS_ADMIN).
init spawn t
t readlink /proc/self/ns/net => net:[ns1]
t setuid 1000 => ok
t unshare net => error EPERM
t readlink /proc/self/ns/net => net:[ns1]
t unshare net => error EPERM
