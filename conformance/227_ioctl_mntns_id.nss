# NS_GET_MNTNS_ID answers only on a mount namespace, with the same 64-bit id
# as NS_GET_ID; on other types it is EINVAL.
# Reference: linux-behaviour.md §2 (netns row); probed on the reference
# kernel.
init open /proc/self/ns/mnt as mnt => ok
init ioctl mnt NS_GET_MNTNS_ID => id1
init ioctl mnt NS_GET_ID => id1
init open /proc/self/ns/uts as uts => ok
init ioctl uts NS_GET_MNTNS_ID => error EINVAL
init open /proc/self/ns/pid as pid => ok
init ioctl pid NS_GET_MNTNS_ID => error EINVAL
init spawn t => ok
t unshare mnt => ok
t open /proc/self/ns/mnt as m2 => ok
t ioctl m2 NS_GET_MNTNS_ID => id2
t ioctl m2 NS_GET_ID => id2
