# txqueuelen and mtu given at creation apply to their end; txqueuelen
# changed later shows as qlen.
init ip link add v7 mtu 9000 txqueuelen 5 address 02:00:00:00:00:01 type veth peer name v8 mtu 1400 address 02:00:00:00:00:02 =>
init ip link show => 1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00 | 2: v8@v7: <BROADCAST,MULTICAST,M-DOWN> mtu 1400 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/ether 02:00:00:00:00:02 brd ff:ff:ff:ff:ff:ff | 3: v7@v8: <BROADCAST,MULTICAST,M-DOWN> mtu 9000 qdisc noop state DOWN mode DEFAULT group default qlen 5 |     link/ether 02:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff
init ip link set dev v8 txqueuelen 500 =>
init ip link show dev v8 => 2: v8@v7: <BROADCAST,MULTICAST,M-DOWN> mtu 1400 qdisc noop state DOWN mode DEFAULT group default qlen 500 |     link/ether 02:00:00:00:00:02 brd ff:ff:ff:ff:ff:ff
