# NS_GET_MNTNS_ID on a mount namespace fd gives a non-zero id, the same
# value NS_GET_ID gives for it.
# Source: kernel tools/testing/selftests/namespaces/nsid_test.c, nsid_mntns_basic.
init open /proc/self/ns/mnt as mnt => ok
init ioctl mnt NS_GET_MNTNS_ID => id1
init ioctl mnt NS_GET_ID => id1
init ioctl mnt NS_GET_MNTNS_ID => id1
