# mtu: a veth takes 68..65535 (dev_validate_mtu's extack outside), lo has
# no maximum.
init ip link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02 =>
init ip link set dev v0 mtu 9000 =>
init ip link set dev v0 mtu 60 => stderr: Error: mtu less than device minimum. | exit 2
init ip link set dev v0 mtu 70000 => stderr: Error: mtu greater than device maximum. | exit 2
init ip link set dev lo mtu 70000 =>
init ip link show => 1: lo: <LOOPBACK> mtu 70000 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00 | 2: v1@v0: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/ether 02:00:00:00:00:02 brd ff:ff:ff:ff:ff:ff | 3: v0@v1: <BROADCAST,MULTICAST,M-DOWN> mtu 9000 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/ether 02:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff
