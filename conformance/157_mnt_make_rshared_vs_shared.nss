# --make-shared changes the one mount named; --make-rshared the whole
# tree below it too, giving new peer groups in tree order (parents first).
# --make-rslave of a group with no other peer leaves the mounts private.
# A path that is not a mount's root is EINVAL.
# Reference: probed on the reference kernel (netns diff); fs/namespace.c
# (do_change_type).
init mkdir /run/a => ok
init mount -t tmpfs w /run/a => ok
init mkdir /run/a/x => ok
init mkdir /run/a/y => ok
init mount -t tmpfs q /run/a/x => ok
init mount -t tmpfs r /run/a/y => ok
init mount --make-shared /run/a/x/ => ok
init mount --make-shared /run/a/y/z => error ENOENT
init mkdir /run/a/y/z => ok
init mount --make-shared /run/a/y/z => error EINVAL
init mounts /run/a => m1 m2 / /run/a tmpfs | m3 m1 / /run/a/x shared:g1 tmpfs | m4 m1 / /run/a/y tmpfs
init mount --make-private /run/a/x => ok
init mount --make-rshared /run/a => ok
init mounts /run/a => m1 m2 / /run/a shared:g1 tmpfs | m3 m1 / /run/a/x shared:g2 tmpfs | m4 m1 / /run/a/y shared:g3 tmpfs
init mount --make-rslave /run/a => ok
init mounts /run/a => m1 m2 / /run/a tmpfs | m3 m1 / /run/a/x tmpfs | m4 m1 / /run/a/y tmpfs
