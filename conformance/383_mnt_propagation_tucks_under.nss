# A mount that propagates to a place where a slave already has a mount of
# its own is put there underneath it (tucked): the slave's mount moves on
# top of the copy. When the original goes, the copy goes at the slave, and
# the slave's own mount drops back onto the place it was mounted on.
# Source: the kernel's propagate_mnt and mnt_change_mountpoint (fs/pnode.c,
# fs/namespace.c), found by adversarial probing. Probed: netns run
# --backend linux.
init mkdir /run/a => ok
init mount -t tmpfs a /run/a => ok
init mount --make-shared /run/a => ok
init mkdir /run/a/s => ok
init spawn t => ok
t unshare mnt => ok
t mount --make-slave /run/a => ok
t mount -t tmpfs p /run/a/s => ok
init mount -t tmpfs q /run/a/s => ok
t mounts /run/a => m1 m2 / /run/a master:g1 tmpfs | m3 m4 / /run/a/s tmpfs | m4 m1 / /run/a/s master:g2 tmpfs
init mounts /run/a => m5 m6 / /run/a shared:g1 tmpfs | m7 m5 / /run/a/s shared:g2 tmpfs
init umount /run/a/s => ok
t mounts /run/a => m1 m2 / /run/a master:g1 tmpfs | m3 m1 / /run/a/s tmpfs
