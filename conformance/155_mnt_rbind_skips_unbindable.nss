# --make-unbindable shows as "unbindable"; a recursive bind (--rbind)
# copies the mounts below its source except the unbindable ones (and
# what is below them). A peer of a shared source is what the bind makes.
# Reference: probed on the reference kernel (netns diff); fs/namespace.c
# (copy_tree without CL_COPY_UNBINDABLE).
init mkdir /run/a => ok
init mkdir /run/b => ok
init mount -t tmpfs w /run/a => ok
init mkdir /run/a/u => ok
init mkdir /run/a/v => ok
init mount -t tmpfs x /run/a/u => ok
init mount -t tmpfs y /run/a/v => ok
init mount --make-unbindable /run/a/u => ok
init mounts /run/a => m1 m2 / /run/a tmpfs | m3 m1 / /run/a/u unbindable tmpfs | m4 m1 / /run/a/v tmpfs
init mount --rbind /run/a /run/b => ok
init mounts /run/b => m5 m2 / /run/b tmpfs | m6 m5 / /run/b/v tmpfs
init mount --make-shared /run/a => ok
init mkdir /run/c => ok
init mount --bind /run/a /run/c => ok
init mounts /run/c => m7 m2 / /run/c shared:g1 tmpfs
