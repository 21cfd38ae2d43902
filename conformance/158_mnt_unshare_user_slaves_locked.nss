# unshare(CLONE_NEWUSER|CLONE_NEWNS): the new mount namespace belongs to a
# less privileged user namespace, so its copies of shared mounts are
# slaves of the originals (they receive, never send), and every copied
# mount is locked: unmounting one is EINVAL there. A mount made there
# afterwards is its own and may go; a mount propagated there from the
# master may go too.
# Reference: probed on the reference kernel (netns diff); fs/namespace.c
# (copy_mnt_ns: CL_SHARED_TO_SLAVE, lock_mnt_tree; can_umount).
init mkdir /run/a => ok
init mkdir /run/b => ok
init mount -t tmpfs w /run/a => ok
init mount --make-shared /run/a => ok
init mkdir /run/a/x => ok
init mkdir /run/a/y => ok
init mount -t tmpfs b /run/b => ok
init spawn t => ok
t unshare user,mnt => ok
t mounts /run => m1 m2 / /run tmpfs | m3 m1 / /run/a master:g1 tmpfs | m4 m1 / /run/b tmpfs
t umount /run/a => error EINVAL
t umount /run/b => error EINVAL
t umount /run => error EINVAL
t mount -t tmpfs k /run/a/x => ok
t mounts /run/a/x => m5 m3 / /run/a/x tmpfs
init mounts /run/a => m6 m7 / /run/a shared:g1 tmpfs
init mount -t tmpfs s /run/a/y => ok
t mounts /run/a/y => m8 m3 / /run/a/y master:g2 tmpfs
t umount /run/a/y => ok
t umount /run/a/x => ok
