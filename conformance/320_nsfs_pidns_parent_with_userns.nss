# A pid namespace made together with a user namespace: NS_GET_PARENT on it
# (from the creator's side) gives the caller's own pid namespace; asking that
# one's parent is EPERM.
# Source: kernel tools/testing/selftests/nsfs/pidns.c (the "pid" round).
init spawn p => ok
p unshare user,pid => ok
p spawn c => ok
c getpid => pid 1
init open /proc/@c/ns/pid as ns => ok
init ioctl ns NS_GET_PARENT as pns => ok
init readlink /proc/self/fd/%ns => pid:[ns1]
init readlink /proc/self/fd/%pns => pid:[ns2]
init readlink /proc/self/ns/pid => pid:[ns2]
init ioctl pns NS_GET_PARENT => error EPERM
