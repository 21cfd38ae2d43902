# NS_GET_PARENT on a child's user namespace gives the caller's own (initial)
# user namespace; asking that one's parent is EPERM.
# Source: kernel tools/testing/selftests/nsfs/pidns.c (the "user" round).
init spawn p => ok
p unshare user,pid => ok
p spawn c => ok
init open /proc/@c/ns/user as ns => ok
init ioctl ns NS_GET_PARENT as pns => ok
init readlink /proc/self/fd/%ns => user:[ns1]
init readlink /proc/self/fd/%pns => user:[ns2]
init readlink /proc/self/ns/user => user:[ns2]
init ioctl pns NS_GET_PARENT => error EPERM
