# mount --move refuses: a path that is not a mount's root (EINVAL), a
# target on or below the mount itself (ELOOP), a missing path (ENOENT), a
# file mount onto a directory (EINVAL), a mount whose parent is shared
# (EINVAL: the move would have to propagate), a caller without
# CAP_SYS_ADMIN (EPERM). A mount moved keeps its own propagation.
# Source: fs/namespace.c do_move_mount. Probed: netns run --backend linux.
init mkdir /run/a => ok
init mkdir /run/b => ok
init mount -t tmpfs a /run/a => ok
init mkdir /run/a/d => ok
init mount --move /run/a/d /run/b => error EINVAL
init mount --move /run/a /run/a/d => error ELOOP
init mount --move /run/a /run/a => error ELOOP
init mount --move /run/nothing /run/b => error ENOENT
init mount --move /run/a /run/nothing => error ENOENT
init touch /run/f => ok
init mount --bind /run/f /run/f => ok
init mount --move /run/f /run/b => error EINVAL
init mount --make-shared /run/a => ok
init mount -t tmpfs s /run/a/d => ok
init mount --move /run/a/d /run/b => error EINVAL
init mount --make-private /run/a => ok
init mount --move /run/a/d /run/b => ok
init mounts /run => m1 m2 / /run tmpfs | m3 m1 / /run/a tmpfs | m4 m1 /f /run/f tmpfs | m5 m1 / /run/b shared:g1 tmpfs
init spawn u => ok
u setuid 1000 => ok
u mount --move /run/b /run/a/d => error EPERM
