# Propagation inside one namespace: a bind of a shared mount is its peer,
# so a mount made below one appears below the other, in the order the
# kernel makes them (the mount first, then its copies at the peers), and
# unmounting either copy unmounts both.
# Reference: probed on the reference kernel (netns diff); fs/pnode.c.
init mkdir /run/a => ok
init mkdir /run/c => ok
init mount -t tmpfs w /run/a => ok
init mount --make-shared /run/a => ok
init mount --bind /run/a /run/c => ok
init mkdir /run/a/d => ok
init ls /run/c => d
init mount -t tmpfs v /run/c/d => ok
init mounts /run => m1 m2 / /run tmpfs | m3 m1 / /run/a shared:g1 tmpfs | m4 m1 / /run/c shared:g1 tmpfs | m5 m4 / /run/c/d shared:g2 tmpfs | m6 m3 / /run/a/d shared:g2 tmpfs
init umount /run/a/d => ok
init mounts /run => m1 m2 / /run tmpfs | m3 m1 / /run/a shared:g1 tmpfs | m4 m1 / /run/c shared:g1 tmpfs
