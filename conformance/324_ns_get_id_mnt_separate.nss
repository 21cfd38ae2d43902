# A child that unshares its mnt namespace is in one with another NS_GET_ID
# than its parent's; the parent's keeps its id.
# Source: kernel tools/testing/selftests/namespaces/nsid_test.c, mntns_separate.
init open /proc/self/ns/mnt as parent => ok
init ioctl parent NS_GET_ID => id1
init spawn c => ok
c unshare mnt => ok
init open /proc/@c/ns/mnt as child => ok
init ioctl child NS_GET_ID => id2
init ioctl parent NS_GET_ID => id1
