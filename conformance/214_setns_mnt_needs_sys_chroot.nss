# Joining a mount namespace needs CAP_SYS_CHROOT as well as CAP_SYS_ADMIN
# (mntns_install): without it setns is EPERM, while unshare of a new mount
# namespace still works.
# Reference: probed on the reference kernel.
init spawn t => ok
t open /proc/self/ns/mnt as m => ok
t setns m mnt => ok
t caps drop CAP_SYS_CHROOT => ok
t setns m mnt => error EPERM
t unshare mnt => ok
t readlink /proc/self/ns/mnt => mnt:[ns1]
init readlink /proc/self/ns/mnt => mnt:[ns2]
