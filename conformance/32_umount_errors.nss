# umount2(MNT_DETACH): ENOENT for a missing path, EINVAL for a path that is
# not a mount point; stacked bind mounts come off one at a time.
# Reference: linux-behaviour.md §7 (ip netns del = umount2(MNT_DETACH) + unlink);
# the errnos are the kernel's VFS rules, not a probe row.
init umount /run/nosuch => error ENOENT
init touch /run/pin => ok
init umount /run/pin => error EINVAL
init mount --bind /proc/self/ns/net /run/pin => ok
init mount --bind /proc/self/ns/net /run/pin => ok
init stat /run/pin => ino ns1
init umount /run/pin => ok
init stat /run/pin => ino ns1
init umount /run/pin => ok
init stat /run/pin => file
init umount /run/pin => error EINVAL
