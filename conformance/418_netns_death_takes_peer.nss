# When a namespace dies its virtual devices are deleted, and a veth's peer
# in another namespace goes with it (default_device_exit_batch); lo and the
# other namespace's own devices stay.
init ip netns add a =>
init ip netns add b =>
init ip -n a link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02 netns b =>
init ip -n a link add x0 address 02:00:00:00:00:03 type veth peer name x1 address 02:00:00:00:00:04 =>
init ip netns del b =>
init settle => ok
init ip -n a link show => 1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00 | 3: x1@x0: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/ether 02:00:00:00:00:04 brd ff:ff:ff:ff:ff:ff | 4: x0@x1: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/ether 02:00:00:00:00:03 brd ff:ff:ff:ff:ff:ff
