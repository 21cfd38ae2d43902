# A move does not propagate: a shared mount moved in one namespace leaves
# its peer in another where it was, and the two stay peers.
# Source: fs/namespace.c do_move_mount. Probed: netns run --backend linux.
init mkdir /run/a => ok
init mkdir /run/b => ok
init mount -t tmpfs a /run/a => ok
init mkdir /run/a/s => ok
init mount -t tmpfs s /run/a/s => ok
init mount --make-shared /run/a/s => ok
init spawn t => ok
t unshare mnt => ok
t mounts /run => m1 m2 / /run tmpfs | m3 m1 / /run/a tmpfs | m4 m3 / /run/a/s shared:g1 tmpfs
init mount --move /run/a/s /run/b => ok
init mounts /run => m5 m6 / /run tmpfs | m7 m5 / /run/a tmpfs | m8 m5 / /run/b shared:g1 tmpfs
t mounts /run => m1 m2 / /run tmpfs | m3 m1 / /run/a tmpfs | m4 m3 / /run/a/s shared:g1 tmpfs
