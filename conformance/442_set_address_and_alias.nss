# ip link set dev X address: a multicast address is EADDRNOTAVAIL; lo's
# address can change too (eth_mac_addr). alias sets IFLA_IFALIAS, shown
# on a line of its own, and an empty alias removes it.
init ip link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02 =>
init ip link set dev v1 address 02:00:00:00:00:09 =>
init ip link set dev v1 address 01:00:00:00:00:09 => stderr: RTNETLINK answers: Cannot assign requested address | exit 2
init ip link set dev lo address 02:00:00:00:00:09 =>
init ip link show dev lo => 1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/loopback 02:00:00:00:00:09 brd 00:00:00:00:00:00
init ip link set dev v1 alias hello =>
init ip link show dev v1 => 2: v1@v0: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/ether 02:00:00:00:00:09 brd ff:ff:ff:ff:ff:ff |     alias hello
init ip -j link show dev v1 => [{"ifindex":2,"link":"v0","ifname":"v1","flags":["BROADCAST","MULTICAST","M-DOWN"],"mtu":1500,"qdisc":"noop","operstate":"DOWN","linkmode":"DEFAULT","group":"default","txqlen":1000,"link_type":"ether","address":"02:00:00:00:00:09","broadcast":"ff:ff:ff:ff:ff:ff","ifalias":"hello"}]
init ip link set dev v1 alias "" =>
init ip link show dev v1 => 2: v1@v0: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/ether 02:00:00:00:00:09 brd ff:ff:ff:ff:ff:ff
