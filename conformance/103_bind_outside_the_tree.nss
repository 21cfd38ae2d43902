# mount --bind where source or target is no longer a name in the mount
# tree: a target that was unlinked, that sits on a lazily unmounted mount,
# or that is a namespace file reached through its magic link is ENOENT
# (lock_mount); a source on a detached mount is EINVAL unless it is a
# namespace file, and an unlinked source is ENOENT.
# Reference: probed on the reference kernel (netns diff).
init mkdir /run/d => ok
init mkdir /run/e => ok
init mkdir /run/netns/sub => ok
init mount --bind /run/netns /run/d => ok
init open /run/d as dd => ok
init umount /run/d => ok
init mount --bind /proc/self/fd/%dd /run/e => error EINVAL
init mount --bind /run/e /proc/self/fd/%dd/sub => error ENOENT
init touch /run/f => ok
init touch /run/g => ok
init open /run/f as f => ok
init rm /run/f => ok
init mount --bind /proc/self/fd/%f /run/g => error ENOENT
init mount --bind /run/g /proc/self/fd/%f => error ENOENT
init mount --bind /run/g /proc/self/ns/net => error ENOENT
init open /proc/self/ns/net as ns => ok
init mount --bind /run/g /proc/self/fd/%ns => error ENOENT
init touch /run/h => ok
init mount --bind /proc/self/ns/net /run/h => ok
init open /run/h as h => ok
init umount /run/h => ok
init touch /run/k => ok
init mount --bind /proc/self/fd/%h /run/k => ok
init stat /run/k => ino ns1
