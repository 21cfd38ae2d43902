# A umount propagates only to the copies that have nothing of their own
# mounted below them: a slave's copy with a mount below it stays, and,
# its master's group gone, it becomes private; a peer's copy without one
# goes.
# Reference: probed on the reference kernel (netns diff); fs/pnode.c
# (propagate_umount).
init mkdir /run/a => ok
init mount -t tmpfs w /run/a => ok
init mount --make-shared /run/a => ok
init mkdir /run/a/x => ok
init mkdir /run/a/y => ok
init mount -t tmpfs q /run/a/x => ok
init mount -t tmpfs r /run/a/y => ok
init mkdir /run/a/x/k => ok
init spawn t => ok
t unshare mnt => ok
t mount --make-slave /run/a/x => ok
t mount -t tmpfs kk /run/a/x/k => ok
t mounts /run/a => m1 m2 / /run/a shared:g1 tmpfs | m3 m1 / /run/a/x master:g2 tmpfs | m4 m1 / /run/a/y shared:g3 tmpfs | m5 m3 / /run/a/x/k tmpfs
init umount /run/a/x => ok
init umount /run/a/y => ok
t mounts /run/a => m1 m2 / /run/a shared:g1 tmpfs | m3 m1 / /run/a/x tmpfs | m5 m3 / /run/a/x/k tmpfs
