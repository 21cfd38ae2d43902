# A mount namespace fd refuses other drivers' requests: the autofs device
# requests OPENMOUNT, CLOSEMOUNT, READY (type 0x93) are ENOTTY.
# Source: kernel selftests filesystems/nsfs/iterate_mntns.c, nfs_valid_ioctl.
# Probed: pending/probe/ioctl_raw_request.c (needs: ioctl FD 0xNNNN).
init open /proc/self/ns/mnt as mnt => ok
init ioctl mnt 0xc0189374 => error ENOTTY
init ioctl mnt 0xc0189375 => error ENOTTY
init ioctl mnt 0xc0189376 => error ENOTTY
init ioctl mnt NS_GET_NSTYPE => 0x20000
