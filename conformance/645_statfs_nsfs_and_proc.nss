# statfs(2) tells a namespace file by its file system, as CNI's IsNSorErr
# does: NSFS_MAGIC through the /proc/self/ns magic link and through an fd
# link to an open namespace file, with ST_VALID alone (nsfs's internal
# mount has no flags), page-sized blocks, NAME_MAX and no counts.
# /proc's files are PROC_SUPER_MAGIC with their mount's flags; a
# namespace type there is not is ENOENT.
# Source: fs/statfs.c (statfs_by_dentry, calculate_f_flags),
# fs/libfs.c simple_statfs. Probed: netns diff, and a C program
# (tests/exec/ns_probe.cpp) on the kernel and under netns exec.
init statfs /proc/self/ns/net => nsfs bsize=4096 blocks=0 bfree=0 bavail=0 files=0 ffree=0 namelen=255 frsize=4096 flags=valid
init open /proc/self/ns/uts as u => ok
init statfs /proc/self/fd/%u => nsfs bsize=4096 blocks=0 bfree=0 bavail=0 files=0 ffree=0 namelen=255 frsize=4096 flags=valid
init statfs /proc/self/net/dev => proc bsize=4096 blocks=0 bfree=0 bavail=0 files=0 ffree=0 namelen=255 frsize=4096 flags=valid,nosuid,nodev,noexec,relatime
init statfs /proc/sys/net/core/somaxconn => proc bsize=4096 blocks=0 bfree=0 bavail=0 files=0 ffree=0 namelen=255 frsize=4096 flags=valid,nosuid,nodev,noexec,relatime
init statfs /proc/self/ns/nosuch => error ENOENT
