# A creation that fails after the peer was registered (the device's name
# is taken) uses up the peer's index; one whose peer name is taken fails
# before taking any.
init ip link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02 =>
init ip link add v5 type veth peer name v5 => stderr: RTNETLINK answers: File exists | exit 2
init ip link add v6 type veth peer name v1 => stderr: RTNETLINK answers: File exists | exit 2
init ip link add v7 address 02:00:00:00:00:03 type veth peer name v8 address 02:00:00:00:00:04 =>
init ip link show => 1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00 | 2: v1@v0: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/ether 02:00:00:00:00:02 brd ff:ff:ff:ff:ff:ff | 3: v0@v1: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/ether 02:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff | 5: v8@v7: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/ether 02:00:00:00:00:04 brd ff:ff:ff:ff:ff:ff | 6: v7@v8: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/ether 02:00:00:00:00:03 brd ff:ff:ff:ff:ff:ff
