# Unmounting below a shared mount unmounts the corresponding mount at
# each peer too (propagate_umount), whichever namespace it starts in.
# Reference: probed on the reference kernel (netns diff); fs/pnode.c
# (propagate_umount).
init mkdir /run/a => ok
init mount -t tmpfs w /run/a => ok
init mount --make-shared /run/a => ok
init mkdir /run/a/x => ok
init mkdir /run/a/y => ok
init mount -t tmpfs q /run/a/x => ok
init mount -t tmpfs r /run/a/y => ok
init spawn t => ok
t unshare mnt => ok
t mounts /run/a => m1 m2 / /run/a shared:g1 tmpfs | m3 m1 / /run/a/x shared:g2 tmpfs | m4 m1 / /run/a/y shared:g3 tmpfs
init umount /run/a/x => ok
t mounts /run/a => m1 m2 / /run/a shared:g1 tmpfs | m4 m1 / /run/a/y shared:g3 tmpfs
t umount /run/a/y => ok
init mounts /run/a => m5 m6 / /run/a shared:g1 tmpfs
