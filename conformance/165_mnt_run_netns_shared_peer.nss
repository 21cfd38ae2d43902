# ip netns add makes /run/netns a shared mount; a bind of it elsewhere is
# then its peer, and receives the names (bind mounts of namespace files)
# that ip netns add makes afterwards; ip netns delete takes them from
# both.
# Reference: ip 6.1 source (ip/ipnetns.c, netns_add); probed on the
# reference kernel (netns diff).
init ip netns add red =>
init mkdir /run/other => ok
init mount --bind /run/netns /run/other => ok
init ip netns add blue =>
init ls /run/other => blue | red
init stat /run/other/blue => ino ns1
init stat /run/other/red => file
init mounts /run/other => m1 m2 /netns /run/other shared:g1 tmpfs | m3 m1 net:[ns1] /run/other/blue shared:g2 nsfs
init ip netns delete blue =>
init mounts /run/other => m1 m2 /netns /run/other shared:g1 tmpfs
