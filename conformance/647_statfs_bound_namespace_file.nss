# A namespace file bound to a name (as ip netns add binds
# /proc/self/ns/net to /run/netns/NAME) is on nsfs too, with the flags of
# that bind mount: none at first (it copies nsfs's internal mount), rdonly
# after a read-only bind remount of it.
# Source: fs/statfs.c calculate_f_flags, fs/namespace.c
# do_reconfigure_mnt. Probed: netns diff.
init touch /run/red => ok
init mount --bind /proc/self/ns/net /run/red => ok
init statfs /run/red => nsfs bsize=4096 blocks=0 bfree=0 bavail=0 files=0 ffree=0 namelen=255 frsize=4096 flags=valid
init mount -o remount,bind,ro /run/red => ok
init statfs /run/red => nsfs bsize=4096 blocks=0 bfree=0 bavail=0 files=0 ffree=0 namelen=255 frsize=4096 flags=valid,rdonly
