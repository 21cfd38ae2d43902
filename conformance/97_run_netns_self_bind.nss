# ip netns add makes /run/netns a shared mount point first: MS_SHARED on a
# directory that is no mount point is EINVAL, so the first add binds
# /run/netns onto itself, recursively, and tries again (ip 6.1's
# netns_add). Names made before that by hand are copied into the new
# mount, and their originals stay below it: deleting such a name unmounts
# the copy, and its file cannot be removed while the hidden mount sits on
# it (EBUSY, as is_local_mountpoint says). Unmounting /run/netns lazily
# takes the copies and whatever names were made since.
# Reference: ip 6.1 source (ip/ipnetns.c, netns_add); probed on the
# reference kernel (netns diff).
init umount /run/netns => error EINVAL
init touch /run/netns/red => ok
init spawn t => ok
t unshare net => ok
t mount --bind /proc/self/ns/net /run/netns/red => ok
t exit => ok
init umount /run/netns => error EINVAL
init ip netns add blue =>
init ip netns list => blue | red
init stat /run/netns/red => ino ns1
init open /run/netns/blue as b => ok
init readlink /proc/self/fd/%b => /run/netns/blue
init ip netns delete red => stderr: Cannot remove namespace file "/run/netns/red": Device or resource busy | exit 1
init stat /run/netns/red => file
init rm /run/netns/red => error EBUSY
init umount /run/netns => ok
init readlink /proc/self/fd/%b => /
init stat /run/netns/red => ino ns1
init stat /run/netns/blue => file
init umount /run/netns/red => ok
init rm /run/netns/red => ok
init rm /run/netns/blue => ok
init ip netns list =>
init ip netns add green =>
init umount /run/netns => ok
init umount /run/netns => error EINVAL
init stat /run/netns/green => file
