# ip link set dev X netns Y moves a device: it leaves b and appears in c,
# keeping its index when free there. Ids: b gets one for a (ip's lookup of
# v1 in b reports it first) and then for c (the move's RTM_DELLINK names
# the target); c gets one for a (the RTM_NEWLINK there). Probed: §6.6.
init ip netns add a =>
init ip netns add b =>
init ip netns add c =>
init ip -n a link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02 netns b =>
init ip -n b link set v1 netns c =>
init ip -n b link show => 1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
init ip -n c link show => 1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00 | 2: v1@if2: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/ether 02:00:00:00:00:02 brd ff:ff:ff:ff:ff:ff link-netns a
init ip -n a netns list-id => nsid 0 (iproute2 netns name: b)
init ip -n b netns list-id => nsid 0 (iproute2 netns name: a) | nsid 1 (iproute2 netns name: c)
init ip -n c netns list-id => nsid 0 (iproute2 netns name: a)
