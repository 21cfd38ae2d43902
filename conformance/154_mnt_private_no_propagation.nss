# A private mount (the default: the world's /run is private) propagates
# nothing, and --make-private ends a peer's membership: after it, mounts
# on either side stay where they were made.
# Reference: probed on the reference kernel (netns diff); fs/pnode.c
# (change_mnt_propagation).
init mkdir /run/a => ok
init mkdir /run/b => ok
init mount -t tmpfs w /run/a => ok
init mount --make-shared /run/a => ok
init mkdir /run/a/x => ok
init spawn t => ok
t unshare mnt => ok
t mount --make-private /run/a => ok
t mounts /run/a => m1 m2 / /run/a tmpfs
t mount -t tmpfs q /run/a/x => ok
init mounts /run/a => m3 m4 / /run/a shared:g1 tmpfs
t mount -t tmpfs v /run/b => ok
init mounts /run/b =>
init mount --make-private /run/a => ok
init mounts /run/a => m3 m4 / /run/a tmpfs
