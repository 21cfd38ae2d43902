# Unmounting a tree takes, at every peer of each mount in it, the copy of
# the submount hanging there, even where the copy of the tree's top stays
# (its own parent does not propagate): the other namespace keeps /run/a
# but loses /run/a/s; a bind peer in the same namespace likewise.
# Source: the kernel's propagate_umount (fs/pnode.c), found by adversarial
# probing. Probed: netns diff.
init mkdir /run/a => ok
init mount -t tmpfs x /run/a => ok
init mount --make-shared /run/a => ok
init mkdir /run/a/s => ok
init mount -t tmpfs y /run/a/s => ok
init spawn t => ok
t unshare mnt => ok
t mounts /run/a => m1 m2 / /run/a shared:g1 tmpfs | m3 m1 / /run/a/s shared:g2 tmpfs
init umount /run/a => ok
t mounts /run/a => m1 m2 / /run/a shared:g1 tmpfs
init mkdir /run/b => ok
init mount -t tmpfs z /run/b => ok
init mount --make-shared /run/b => ok
init mkdir /run/c => ok
init mount --bind /run/b /run/c => ok
init mkdir /run/b/s => ok
init mount -t tmpfs w /run/b/s => ok
init mounts /run/c => m4 m5 / /run/c shared:g2 tmpfs | m6 m4 / /run/c/s shared:g3 tmpfs
init umount /run/b => ok
init mounts /run/c => m4 m5 / /run/c shared:g2 tmpfs
