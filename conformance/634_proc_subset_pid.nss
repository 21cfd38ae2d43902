# subset=pid: the proc shows only self, thread-self and the pid
# directories; its other entries (net, sys, mounts, ...) are ENOENT, also
# by name. Through self the pid directory has all its entries.
# Source: fs/proc/generic.c proc_lookup and proc_readdir (PROC_PIDONLY_ON),
# fs/proc/root.c proc_parse_subset_param. Probed: netns diff.
init mkdir /run/p => ok
init spawn t => ok
t unshare pid => ok
t spawn a => ok
a mount -t proc proc /run/p -o subset=pid => ok
a ls /run/p => 1 | self | thread-self
a stat /run/p/net => error ENOENT
a stat /run/p/sys => error ENOENT
a stat /run/p/mounts => error ENOENT
a stat /run/p/self/net => dir
a readlink /run/p/self => 1
