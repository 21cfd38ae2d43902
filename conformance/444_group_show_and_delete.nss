# A device group: ip link set group, show group N, del group N (every
# device of the group, with its peer).
init ip link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02 =>
init ip link add w0 address 02:00:00:00:00:03 type veth peer name w1 address 02:00:00:00:00:04 =>
init ip link set dev v1 group 5 =>
init ip link show group 5 => 2: v1@v0: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group 5 qlen 1000 |     link/ether 02:00:00:00:00:02 brd ff:ff:ff:ff:ff:ff
init ip link del group 5 =>
init ip link show => 1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00 | 4: w1@w0: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/ether 02:00:00:00:00:04 brd ff:ff:ff:ff:ff:ff | 5: w0@w1: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/ether 02:00:00:00:00:03 brd ff:ff:ff:ff:ff:ff
init ip link del group 7 => stderr: RTNETLINK answers: No such device | exit 2
