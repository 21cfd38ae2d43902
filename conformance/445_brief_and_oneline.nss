# ip -br and ip -o over the same devices.
init ip netns add a =>
init ip link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02 netns a =>
init ip -j -br link show => [{"ifname":"lo","operstate":"DOWN","address":"00:00:00:00:00:00","flags":["LOOPBACK"]},{"link_index":2,"ifname":"v0","operstate":"DOWN","address":"02:00:00:00:00:01","flags":["BROADCAST","MULTICAST"]}]
init ip -n a -j -br link show => [{"ifname":"lo","operstate":"DOWN","address":"00:00:00:00:00:00","flags":["LOOPBACK"]},{"link_index":2,"ifname":"v1","operstate":"DOWN","address":"02:00:00:00:00:02","flags":["BROADCAST","MULTICAST"]}]
init ip -o link show => 1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000\    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00 | 2: v0@if2: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000\    link/ether 02:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff link-netns a
