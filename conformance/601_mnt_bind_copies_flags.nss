# A bind mount takes its source mount's flags, whatever flags the bind
# itself is given (MS_BIND ignores them); a namespace file's bind has none
# (nsfs's internal mount: "rw"). The copies a new mount namespace gets
# keep the flags too.
# Source: fs/namespace.c clone_mnt, path_mount (do_loopback takes no
# flags). Probed: netns diff.
init mkdir /run/a => ok
init mount -t tmpfs t /run/a -o nosuid,noexec => ok
init mkdir /run/a/d => ok
init mkdir /run/b => ok
init mount --bind /run/a/d /run/b => ok
init mountinfo /run/b => m1 m2 /d /run/b rw,nosuid,noexec,relatime - tmpfs t rw
init touch /run/n => ok
init mount --bind /proc/self/ns/net /run/n => ok
init mountinfo /run/n => m3 m2 net:[ns1] /run/n rw - nsfs nsfs rw
init spawn t => ok
t unshare mnt => ok
t mountinfo /run/a => m4 m5 / /run/a rw,nosuid,noexec,relatime - tmpfs t rw
