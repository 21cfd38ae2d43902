# A child that unshares its net namespace is in one with another NS_GET_ID
# than its parent's; the parent's keeps its id. The parent may setns into the
# child's net and back (the test does, to read SO_NETNS_COOKIE there).
# Source: kernel tools/testing/selftests/namespaces/nsid_test.c, netns_separate.
init open /proc/self/ns/net as parent => ok
init ioctl parent NS_GET_ID => id1
init spawn c => ok
c unshare net => ok
init open /proc/@c/ns/net as child => ok
init ioctl child NS_GET_ID => id2
init ioctl parent NS_GET_ID => id1
init setns child net => ok
init open /proc/self/ns/net as now => ok
init ioctl now NS_GET_ID => id2
init setns parent net => ok
