# unshare(CLONE_NEWNS) gives the task a copy of its mount tree: the copy
# of the private /run is a mount of its own, so a tmpfs mounted there
# afterwards, and the files made in it, are the new namespace's alone;
# a mount made in the old namespace afterwards does not reach the new one.
# Reference: probed on the reference kernel (netns diff); fs/namespace.c
# (copy_mnt_ns, copy_tree).
init mkdir /run/a => ok
init mkdir /run/b => ok
init spawn t => ok
t unshare mnt => ok
t mounts /run => m1 m2 / /run tmpfs
t mount -t tmpfs x /run/a => ok
t touch /run/a/f => ok
t ls /run/a => f
t mounts /run => m1 m2 / /run tmpfs | m3 m1 / /run/a tmpfs
init mounts /run => m4 m5 / /run tmpfs
init ls /run/a =>
init mount -t tmpfs y /run/b => ok
init mounts /run => m4 m5 / /run tmpfs | m6 m4 / /run/b tmpfs
t mounts /run => m1 m2 / /run tmpfs | m3 m1 / /run/a tmpfs
t umount /run/a => ok
init umount /run/a => error EINVAL
