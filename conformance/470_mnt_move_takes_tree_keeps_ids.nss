# mount --move (MS_MOVE): the mount at SRC goes to DST with the mounts
# below it; each keeps its id and its place in mountinfo's order, only
# the paths change, and the old place is an empty directory again.
# Source: fs/namespace.c do_move_mount, attach_recursive_mnt. Probed:
# netns run --backend linux.
init mkdir /run/a => ok
init mkdir /run/b => ok
init mount -t tmpfs a /run/a => ok
init mkdir /run/a/s => ok
init mount -t tmpfs s /run/a/s => ok
init touch /run/a/s/f => ok
init mounts /run => m1 m2 / /run tmpfs | m3 m1 / /run/a tmpfs | m4 m3 / /run/a/s tmpfs
init mount --move /run/a /run/b => ok
init mounts /run => m1 m2 / /run tmpfs | m3 m1 / /run/b tmpfs | m4 m3 / /run/b/s tmpfs
init ls /run/b/s => f
init ls /run/a =>
init umount /run/b => ok
init mounts /run => m1 m2 / /run tmpfs
