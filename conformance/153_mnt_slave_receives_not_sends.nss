# --make-slave on a copy of a shared mount: it receives the mounts and
# umounts made at its master's peer group, but what is mounted below it
# stays its own (not shared), and the master never sees it.
# Reference: probed on the reference kernel (netns diff); fs/pnode.c
# (do_make_slave, propagate_mnt).
init mkdir /run/a => ok
init mount -t tmpfs w /run/a => ok
init mount --make-shared /run/a => ok
init mkdir /run/a/x => ok
init mkdir /run/a/y => ok
init spawn t => ok
t unshare mnt => ok
t mount --make-slave /run/a => ok
t mounts /run/a => m1 m2 / /run/a master:g1 tmpfs
t mount -t tmpfs q /run/a/x => ok
t mounts /run/a => m1 m2 / /run/a master:g1 tmpfs | m3 m1 / /run/a/x tmpfs
init mounts /run/a => m4 m5 / /run/a shared:g1 tmpfs
init mount -t tmpfs r /run/a/y => ok
t mounts /run/a => m1 m2 / /run/a master:g1 tmpfs | m3 m1 / /run/a/x tmpfs | m6 m1 / /run/a/y master:g2 tmpfs
init umount /run/a/y => ok
t mounts /run/a => m1 m2 / /run/a master:g1 tmpfs | m3 m1 / /run/a/x tmpfs
