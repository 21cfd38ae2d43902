# An unbindable mount cannot be the source of a bind, recursive or not
# (EINVAL), even from a directory inside it; --make-private makes it
# bindable again.
# Reference: probed on the reference kernel (netns diff); fs/namespace.c
# (__do_loopback: IS_MNT_UNBINDABLE).
init mkdir /run/a => ok
init mkdir /run/b => ok
init mount -t tmpfs w /run/a => ok
init mkdir /run/a/d => ok
init mount --make-unbindable /run/a => ok
init mount --bind /run/a /run/b => error EINVAL
init mount --rbind /run/a /run/b => error EINVAL
init mount --bind /run/a/d /run/b => error EINVAL
init mounts /run/b =>
init mount --make-private /run/a => ok
init mount --bind /run/a/d /run/b => ok
init mounts /run/b => m1 m2 /d /run/b tmpfs
