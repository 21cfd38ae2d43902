# arp off and multicast off change the user flags (NOARP, MULTICAST).
init ip link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02 =>
init ip link set dev v1 arp off =>
init ip link set dev v1 multicast off =>
init ip link show dev v1 => 2: v1@v0: <BROADCAST,NOARP,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/ether 02:00:00:00:00:02 brd ff:ff:ff:ff:ff:ff
init ip link set dev v1 arp on multicast on =>
init ip link show dev v1 => 2: v1@v0: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/ether 02:00:00:00:00:02 brd ff:ff:ff:ff:ff:ff
