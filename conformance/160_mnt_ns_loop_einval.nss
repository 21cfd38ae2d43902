# A mount namespace's file may be bound only in a namespace older than
# it (mnt_ns_loop), so that no namespace can keep itself alive through
# its own tree: binding the caller's own namespace file is EINVAL, in the
# initial namespace and in a new one. (Which of two namespaces counts as
# the older is left out: 6.18 compares namespace ids, and those come from
# per-CPU batches, so two namespaces made on different CPUs compare either
# way; probed: pinned to one CPU, only the older may bind the newer.)
# Reference: probed on the reference kernel (a C program, and netns diff);
# fs/namespace.c (mnt_ns_loop).
init touch /run/f => ok
init mount --bind /proc/self/ns/mnt /run/f => error EINVAL
init spawn t => ok
t unshare mnt => ok
t mount --bind /proc/self/ns/mnt /run/f => error EINVAL
t mount --bind /proc/@t/ns/mnt /run/f => error EINVAL
init stat /run/f => file
t mounts /run/f =>
