# After one end of a pair moves from a to b: the ids on both sides (a's for
# b from the move's RTM_DELLINK, b's for a at its first link report), and a
# delete in a taking the moved end in b with it.
init ip netns add a =>
init ip netns add b =>
init ip -n a link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02 =>
init ip -n a link set v1 netns b =>
init ip -n a netns list-id => nsid 0 (iproute2 netns name: b)
init ip -n b netns list-id => nsid 0 (iproute2 netns name: a)
init ip -n b link show => 1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00 | 2: v1@if3: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/ether 02:00:00:00:00:02 brd ff:ff:ff:ff:ff:ff link-netns a
init ip -n b netns list-id => nsid 0 (iproute2 netns name: a)
init ip -n a link del v0 =>
init ip -n b link show => 1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
