# mount --move under a shared mount: the moved tree joins propagation
# (each of its mounts in a new peer group, in tree order) and copies of
# it go to the target's peers; a tree with an unbindable mount in it may
# not go there (EINVAL).
# Source: fs/namespace.c do_move_mount, attach_recursive_mnt
# (invent_group_ids, propagate_mnt). Probed: netns run --backend linux.
init mkdir /run/a => ok
init mkdir /run/sh => ok
init mkdir /run/c => ok
init mount -t tmpfs a /run/a => ok
init mkdir /run/a/x => ok
init mount -t tmpfs x /run/a/x => ok
init mount -t tmpfs sh /run/sh => ok
init mount --make-shared /run/sh => ok
init mkdir /run/sh/d => ok
init mount --bind /run/sh /run/c => ok
init mount --make-unbindable /run/a/x => ok
init mount --move /run/a /run/sh/d => error EINVAL
init mount --make-private /run/a/x => ok
init mount --move /run/a /run/sh/d => ok
init mounts /run => m1 m2 / /run tmpfs | m3 m4 / /run/sh/d shared:g1 tmpfs | m5 m3 / /run/sh/d/x shared:g2 tmpfs | m4 m1 / /run/sh shared:g3 tmpfs | m6 m1 / /run/c shared:g3 tmpfs | m7 m6 / /run/c/d shared:g1 tmpfs | m8 m7 / /run/c/d/x shared:g2 tmpfs
