# unshare(time) takes effect for children only: the grandchild born after it
# is in a time namespace whose NS_GET_ID differs from the parent's; the
# unsharer itself keeps the parent's.
# Source: kernel tools/testing/selftests/namespaces/nsid_test.c, timens_separate.
init open /proc/self/ns/time as parent => ok
init ioctl parent NS_GET_ID => id1
init spawn c => ok
c unshare time => ok
c spawn g => ok
init open /proc/@g/ns/time as grandchild => ok
init ioctl grandchild NS_GET_ID => id2
init open /proc/@c/ns/time as child => ok
init ioctl child NS_GET_ID => id1
