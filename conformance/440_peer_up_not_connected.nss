# "up" for the peer at creation: the peer is configured before the pair is
# tied, and a veth without its peer cannot open (ENOTCONN); the peer goes
# again, its index used up. "up" for the device itself works: it is
# configured once tied. (Its operstate right after is linkwatch's to set,
# up to a second later on the kernel: the scenario shows its peer only.)
init ip link add w0 address 02:00:00:00:00:03 type veth peer name w1 address 02:00:00:00:00:04 up => stderr: RTNETLINK answers: Transport endpoint is not connected | exit 2
init ip link add v0 up address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02 =>
init ip link show dev v1 => 3: v1@v0: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/ether 02:00:00:00:00:02 brd ff:ff:ff:ff:ff:ff
