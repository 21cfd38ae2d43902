# IFLA_LINK_NETNSID gets its id from peernet2id_alloc: creating a veth
# across namespaces gives the creator's namespace an id for the peer's at
# once (the RTM_NEWLINK it announces), while the peer's namespace gets one
# for the creator's only when a link of it is first reported there (ip link
# show). Probed: §6.6 (s6b_veth_alloc).
init ip netns add a =>
init ip netns add b =>
init ip -n a link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02 netns b =>
init ip -n a netns list-id => nsid 0 (iproute2 netns name: b)
init ip -n b netns list-id =>
init ip -n b link show v1 => 2: v1@if2: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/ether 02:00:00:00:00:02 brd ff:ff:ff:ff:ff:ff link-netns a
init ip -n b netns list-id => nsid 0 (iproute2 netns name: a)
init ip netns list-id =>
