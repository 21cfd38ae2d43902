# Once the caller itself moved to a new user namespace, NS_GET_USERNS on a
# namespace whose owner is outside that one is EPERM: a sibling user
# namespace's uts namespace, and the initial user namespace.
# Source: kernel tools/testing/selftests/nsfs/owner.c (after unshare(CLONE_NEWUSER)).
init spawn c => ok
c unshare uts,user => ok
init spawn t => ok
t open /proc/@c/ns/uts as uts => ok
t open /proc/self/ns/user as inituns => ok
t ioctl uts NS_GET_USERNS => ok
t unshare user => ok
t ioctl uts NS_GET_USERNS => error EPERM
t ioctl inituns NS_GET_USERNS => error EPERM
