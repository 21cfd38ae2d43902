# Bind-mount errors: a missing source or target is ENOENT; a file cannot be
# mounted onto a directory (ENOTDIR); a task without CAP_SYS_ADMIN gets EPERM.
# Reference: linux-behaviour.md §7 (ip netns add's mount(MS_BIND) step), §1 (nsfs
# bind mounts); the errnos are the kernel's VFS rules, not a probe row.
init mount --bind /proc/self/ns/net /run/netns/missing => error ENOENT
init touch /run/target => ok
init mount --bind /run/nosuch /run/target => error ENOENT
init mkdir /run/dir => ok
init mount --bind /proc/self/ns/net /run/dir => error ENOTDIR
init spawn u
u setuid 1000 => ok
u mount --bind /proc/self/ns/net /run/target => error EPERM
u umount /run/target => error EPERM
init stat /run/target => file
