# A fresh network namespace has lo alone: ifindex 1, LOOPBACK, down, qdisc
# noop, mtu 65536, as ip link show, ip -j link show and a show by name print
# it; a name that is not there is ip's own "does not exist". Probed: §8
# (ip -n NAME link show lo in a fresh netns).
init ip link show => 1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
init ip -j link show => [{"ifindex":1,"ifname":"lo","flags":["LOOPBACK"],"mtu":65536,"qdisc":"noop","operstate":"DOWN","linkmode":"DEFAULT","group":"default","txqlen":1000,"link_type":"loopback","address":"00:00:00:00:00:00","broadcast":"00:00:00:00:00:00"}]
init ip link show dev lo => 1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
init ip link show dev nope => stderr: Device "nope" does not exist. | exit 1
init ip netns add red =>
init ip -n red link show => 1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
