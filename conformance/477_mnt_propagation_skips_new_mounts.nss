# A mount receives nothing from the propagation that made it: a bind of a
# shared mount below itself is its peer but gets no copy of itself, and
# with a peer elsewhere only that peer gets a copy.
# Source: fs/pnode.c propagate_one (IS_MNT_NEW). Probed: netns run
# --backend linux.
init mkdir /run/a => ok
init mount -t tmpfs a /run/a => ok
init mount --make-shared /run/a => ok
init mkdir /run/a/s => ok
init mount --bind /run/a /run/a/s => ok
init mounts /run/a => m1 m2 / /run/a shared:g1 tmpfs | m3 m1 / /run/a/s shared:g1 tmpfs
init mkdir /run/b => ok
init mount -t tmpfs b /run/b => ok
init mount --make-shared /run/b => ok
init mkdir /run/b/s => ok
init mkdir /run/c => ok
init mount --bind /run/b /run/c => ok
init mount --rbind /run/b /run/b/s => ok
init mounts /run/b => m4 m2 / /run/b shared:g2 tmpfs | m5 m4 / /run/b/s shared:g2 tmpfs
init mounts /run/c => m6 m2 / /run/c shared:g2 tmpfs | m7 m6 / /run/c/s shared:g2 tmpfs
