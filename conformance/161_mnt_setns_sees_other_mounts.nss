# setns(CLONE_NEWNS) moves the task into the namespace and to its root:
# from then on its paths walk that namespace's tree, its mounts and the
# files in them, and `mounts` lists that namespace's mounts.
# Reference: probed on the reference kernel (netns diff); fs/namespace.c
# (mntns_install).
init mkdir /run/a => ok
init spawn t => ok
t unshare mnt => ok
t mount -t tmpfs x /run/a => ok
t touch /run/a/only_in_t => ok
init spawn u => ok
init open /proc/@t/ns/mnt as tm => ok
u ls /run/a =>
u open /proc/@t/ns/mnt as tm => ok
u setns tm mnt => ok
u ls /run/a => only_in_t
u mounts /run => m1 m2 / /run tmpfs | m3 m1 / /run/a tmpfs
t mounts /run => m1 m2 / /run tmpfs | m3 m1 / /run/a tmpfs
init mounts /run => m4 m5 / /run tmpfs
u readlink /proc/self/ns/mnt => mnt:[ns1]
t readlink /proc/self/ns/mnt => mnt:[ns1]
