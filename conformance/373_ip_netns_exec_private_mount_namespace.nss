# ip netns exec runs its program in a mount namespace of its own (ip -n
# too), made a slave of the caller's: a name ip netns add binds from inside
# shows in the caller's /run/netns as a file, but its mount does not
# propagate back, so the caller's ip netns list cannot open it as a
# namespace.
# Source: iproute2 ip/ipnetns.c (netns_switch: unshare(CLONE_NEWNS),
# MS_SLAVE|MS_REC on /); ip-netns(8). Probed: netns diff.
init readlink /proc/self/ns/mnt => mnt:[ns1]
init ip netns add red =>
init ip netns exec red readlink /proc/self/ns/mnt => mnt:[ns2]
init ip netns exec red sh -c "ip netns add blue; ip netns list" => blue | red
init ip netns list => blue | red | stderr: Error: Peer netns reference is invalid. | stderr: Error: Peer netns reference is invalid.
init stat /run/netns/blue => file
