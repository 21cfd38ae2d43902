# unlink() of a file that is a mount point is EBUSY; after umount it goes.
# This is why `ip netns del` unmounts before it unlinks.
# Reference: linux-behaviour.md §7 (strace of ip netns del); the EBUSY is the
# kernel's VFS rule, not a probe row.
init touch /run/netns/pinned => ok
init mount --bind /proc/self/ns/net /run/netns/pinned => ok
init rm /run/netns/pinned => error EBUSY
init stat /run/netns/pinned => ino ns1
init umount /run/netns/pinned => ok
init rm /run/netns/pinned => ok
init rm /run/netns/pinned => error ENOENT
init ls /run/netns =>
