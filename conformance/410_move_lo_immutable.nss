# lo never moves (NETIF_F_NETNS_LOCAL): EINVAL "The interface netns is
# immutable", also to its own namespace; and lo cannot be deleted (no
# rtnl_link_ops): EOPNOTSUPP.
init ip netns add a =>
init ip link set lo netns a => stderr: Error: The interface netns is immutable. | exit 2
init ip -n a link set lo netns a =>
init ip link del lo => stderr: RTNETLINK answers: Operation not supported | exit 2
init ip link show => 1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
