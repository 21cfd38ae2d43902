# The fields of /proc/self/mountinfo as `mounts` shows them: ROOT is what
# a bind mount shows of its file system (/d for a directory inside it,
# net:[N] for a namespace file, whose type is nsfs), the mount point is
# where it is seen, and a mount both shared and a slave shows both tags.
# Reference: probed on the reference kernel (netns diff);
# fs/proc_namespace.c (show_mountinfo).
init mkdir /run/a => ok
init mkdir /run/b => ok
init mount -t tmpfs w /run/a => ok
init mkdir /run/a/d => ok
init mount --bind /run/a/d /run/b => ok
init touch /run/f => ok
init mount --bind /proc/self/ns/net /run/f => ok
init readlink /proc/self/ns/net => net:[ns1]
init mounts /run => m1 m2 / /run tmpfs | m3 m1 / /run/a tmpfs | m4 m1 /d /run/b tmpfs | m5 m1 net:[ns1] /run/f nsfs
init mount --make-shared /run/a => ok
init spawn t => ok
t unshare mnt => ok
t mount --make-slave /run/a => ok
t mount --make-shared /run/a => ok
t mounts /run/a => m6 m7 / /run/a shared:g1 master:g2 tmpfs
