# The same when the namespace dies with its last task: t makes a veth whose
# peer is in the scenario's root namespace (named by a bind mount), exits,
# and the peer goes too.
init touch /run/netns/root => ok
init mount --bind /proc/self/ns/net /run/netns/root => ok
init spawn t => ok
t unshare net => ok
t ip link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02 netns root =>
init ip link show => 1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00 | 2: v1@if2: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/ether 02:00:00:00:00:02 brd ff:ff:ff:ff:ff:ff link-netnsid 0
t exit => ok
init settle => ok
init ip link show => 1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
