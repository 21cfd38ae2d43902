# setns() with a pidfd needs at least one namespace type: nstype 0 (which
# for a namespace fd means "any type") is EINVAL on a pidfd, even on the
# caller's own pidfd.
# Source: kernel tools/testing/selftests/pidfd/pidfd_setns_test.c, invalid_flags (0).
init pidfd init as self => ok
init setns self 0 => error EINVAL
init spawn t => ok
t unshare net => ok
init pidfd t as p => ok
init setns p 0 => error EINVAL
init readlink /proc/self/ns/net => net:[ns1]
t readlink /proc/self/ns/net => net:[ns2]
