# lo up: LOOPBACK,UP,LOWER_UP, qdisc noqueue, state UNKNOWN (its carrier
# never changes, so its operstate is never set); down again: the noqueue
# qdisc stays. Probed: §8.
init ip link set lo up =>
init ip link show => 1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000 |     link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
init ip link set lo down =>
init ip link show => 1: lo: <LOOPBACK> mtu 65536 qdisc noqueue state DOWN mode DEFAULT group default qlen 1000 |     link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
