# A shared mount copied by unshare(CLONE_NEWNS) is a peer of the original
# (the same peer group): a mount made below either one propagates to the
# other, in both directions, and the copies are peers of each other too.
# Reference: probed on the reference kernel (netns diff); fs/pnode.c
# (propagate_mnt), Documentation/filesystems/sharedsubtree.rst.
init mkdir /run/a => ok
init mount -t tmpfs w /run/a => ok
init mount --make-shared /run/a => ok
init mkdir /run/a/x => ok
init mkdir /run/a/y => ok
init spawn t => ok
t unshare mnt => ok
t mounts /run/a => m1 m2 / /run/a shared:g1 tmpfs
t mount -t tmpfs q /run/a/x => ok
init mounts /run/a => m3 m4 / /run/a shared:g1 tmpfs | m5 m3 / /run/a/x shared:g2 tmpfs
init mount -t tmpfs r /run/a/y => ok
t mounts /run/a => m1 m2 / /run/a shared:g1 tmpfs | m6 m1 / /run/a/x shared:g2 tmpfs | m7 m1 / /run/a/y shared:g3 tmpfs
init touch /run/a/y/f => ok
t ls /run/a/y => f
