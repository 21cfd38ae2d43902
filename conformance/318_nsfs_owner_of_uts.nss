# A uts namespace made together with a user namespace is owned by it:
# NS_GET_USERNS on the uts fd gives the task's new user namespace; asked
# again, its owner is the initial one, whose own owner is EPERM.
# Source: kernel tools/testing/selftests/nsfs/owner.c (first part).
init spawn c => ok
c unshare uts,user => ok
init open /proc/@c/ns/uts as uts => ok
init ioctl uts NS_GET_USERNS as uns => ok
init readlink /proc/@c/ns/user => user:[ns1]
init readlink /proc/self/fd/%uns => user:[ns1]
init ioctl uns NS_GET_USERNS as inituns => ok
init readlink /proc/self/fd/%inituns => user:[ns2]
init readlink /proc/self/ns/user => user:[ns2]
init ioctl inituns NS_GET_USERNS => error EPERM
