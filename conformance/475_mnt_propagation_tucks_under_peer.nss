# A peer gets a tucked copy too: a mount made below a shared mount, at a
# place where a peer of it has a mount of its own from before they were
# peers, is copied there under that mount (which moves onto the copy at
# the same path and still shows its files); the umount of the original
# takes the copy, and the peer's own mount drops back onto the directory.
# Source: fs/namespace.c attach_recursive_mnt, mnt_change_mountpoint;
# fs/pnode.c propagate_umount. Probed: netns run --backend linux.
init mkdir /run/a => ok
init mkdir /run/b => ok
init mount -t tmpfs a /run/a => ok
init mkdir /run/a/s => ok
init mount -t tmpfs own /run/a/s => ok
init touch /run/a/s/f => ok
init mount --make-shared /run/a => ok
init mount --bind /run/a /run/b => ok
init mount -t tmpfs new /run/b/s => ok
init mounts /run => m1 m2 / /run tmpfs | m3 m1 / /run/a shared:g1 tmpfs | m4 m5 / /run/a/s tmpfs | m6 m1 / /run/b shared:g1 tmpfs | m7 m6 / /run/b/s shared:g2 tmpfs | m5 m3 / /run/a/s shared:g2 tmpfs
init ls /run/a/s => f
init umount /run/b/s => ok
init mounts /run => m1 m2 / /run tmpfs | m3 m1 / /run/a shared:g1 tmpfs | m4 m3 / /run/a/s tmpfs | m6 m1 / /run/b shared:g1 tmpfs
init ls /run/a/s => f
