# In a mount namespace of a less privileged user namespace the copied
# mounts are locked: moving one is EINVAL; a mount made there moves.
# Source: fs/namespace.c do_move_mount (MNT_LOCKED). Probed: netns run
# --backend linux.
init mkdir /run/a => ok
init mkdir /run/b => ok
init mount -t tmpfs a /run/a => ok
init mkdir /run/a/d => ok
init spawn t => ok
t unshare user,mnt => ok
t mount --move /run/a /run/b => error EINVAL
t mount -t tmpfs m /run/a/d => ok
t mount --move /run/a/d /run/b => ok
t mounts /run => m1 m2 / /run tmpfs | m3 m1 / /run/a tmpfs | m4 m1 / /run/b tmpfs
