# ip netns list-id after a veth crosses namespaces: the root namespace has
# made a veth with its peer in red and so holds an id for red.
init ip netns add red =>
init ip link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02 netns red =>
init ip netns list-id => nsid 0 (iproute2 netns name: red)
init ip -n red -j netns list-id => []
init ip netns list => red (id: 0)
init ip -n red link show => 1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00 | 2: v1@if2: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/ether 02:00:00:00:00:02 brd ff:ff:ff:ff:ff:ff link-netnsid 0
init ip -n red -j netns list-id => [{"nsid":0}]
