# /proc/mounts leads to /proc/self/mounts, the reader's mount table: a
# line per mount, SOURCE MOUNTPOINT FSTYPE OPTIONS 0 0, in mountinfo's
# order (a bind of a directory inside a tmpfs shows the tmpfs's source);
# a namespace file's bind mount is nsfs with "rw" alone; another mount
# namespace has a table of its own.
# Source: fs/proc_namespace.c show_vfsmnt; fs/proc/base.c. Probed: netns
# run --backend linux.
init readlink /proc/mounts => self/mounts
init mkdir /run/a => ok
init mkdir /run/p => ok
init touch /run/n => ok
init mount -t tmpfs mine /run/a => ok
init mount -t proc myproc /run/p => ok
init mount --bind /proc/self/ns/net /run/n => ok
init mkdir /run/a/d => ok
init mount --bind /run/a/d /run/a/d => ok
init mtab /run/p => myproc /run/p proc rw,relatime 0 0
init mtab /run/n => nsfs /run/n nsfs rw 0 0
init mtab /run/a => mine /run/a tmpfs rw,relatime 0 0 | mine /run/a/d tmpfs rw,relatime 0 0
init spawn t => ok
t unshare mnt => ok
t umount /run/a => ok
t mtab /run/p => myproc /run/p proc rw,relatime 0 0
t mtab /run/n => nsfs /run/n nsfs rw 0 0
t mtab /run/a =>
init mtab /run/a => mine /run/a tmpfs rw,relatime 0 0 | mine /run/a/d tmpfs rw,relatime 0 0
init stat /proc/self/mounts => file
