# A moved device keeps its ifindex when it is free in the target, and
# takes the target's next index otherwise.
init ip netns add a =>
init ip netns add b =>
init ip -n a link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02 =>
init ip -n b link add w0 address 02:00:00:00:00:03 type veth peer name w1 address 02:00:00:00:00:04 =>
init ip -n a link set v1 netns b =>
init ip -n b link show => 1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00 | 2: w1@w0: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/ether 02:00:00:00:00:04 brd ff:ff:ff:ff:ff:ff | 3: w0@w1: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/ether 02:00:00:00:00:03 brd ff:ff:ff:ff:ff:ff | 4: v1@if3: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/ether 02:00:00:00:00:02 brd ff:ff:ff:ff:ff:ff link-netns a
init ip -n b link set v1 netns a =>
init ip -n a link show => 1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00 | 3: v0@v1: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/ether 02:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff | 4: v1@v0: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/ether 02:00:00:00:00:02 brd ff:ff:ff:ff:ff:ff
