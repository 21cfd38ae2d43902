# A umount that propagates takes only the copies of the mount that goes: a
# mount a slave made itself at the same place stays where it was.
# Source: the kernel's propagate_umount (fs/pnode.c), found by adversarial
# probing. Probed: netns diff.
init mkdir /run/a => ok
init mount -t tmpfs a /run/a => ok
init mount --make-shared /run/a => ok
init mkdir /run/a/s => ok
init spawn t => ok
t unshare mnt => ok
t mount --make-slave /run/a => ok
t mount -t tmpfs p /run/a/s => ok
init mount -t tmpfs q /run/a/s => ok
init umount /run/a/s => ok
t mounts /run/a => m1 m2 / /run/a master:g1 tmpfs | m3 m1 / /run/a/s tmpfs
