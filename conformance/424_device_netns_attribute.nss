# ip link add NAME netns B type veth peer name P: the device goes to b,
# while the peer, naming no namespace, stays in the request's namespace.
init ip netns add a =>
init ip netns add b =>
init ip -n a link add v0 netns b address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02 =>
init ip -n a link show => 1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00 | 2: v1@if2: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/ether 02:00:00:00:00:02 brd ff:ff:ff:ff:ff:ff link-netns b
init ip -n b link show => 1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00 | 2: v0@if2: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/ether 02:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff link-netns a
