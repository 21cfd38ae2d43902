# mount -t proc: a proc of the caller's pid namespace, of type proc; its
# self link names the reader. A second proc on the root of the first
# stacks on it (each proc mount is a superblock of its own since 5.8: no
# EBUSY). In a user and mount namespace of its own, without a pid
# namespace it owns, the task may mount a tmpfs but not a proc (EPERM).
# Reference: probed on the reference kernel (netns diff); fs/proc/root.c
# (proc_get_tree, proc_init_fs_context), fs/namespace.c (mount_capable).
init mkdir /run/p => ok
init mount -t proc proc /run/p => ok
init readlink /run/p/self => init
init mounts /run/p => m1 m2 / /run/p proc
init mount -t proc proc /run/p => ok
init umount /run/p => ok
init umount /run/p => ok
init spawn t => ok
t unshare user,mnt => ok
t mount -t proc proc /run/p => error EPERM
t mount -t tmpfs x /run/p => ok
t mounts /run/p => m3 m4 / /run/p tmpfs
