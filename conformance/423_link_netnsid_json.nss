# In JSON a link in another namespace is link_index and link_netnsid.
init ip netns add a =>
init ip netns add b =>
init ip -n a link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02 netns b =>
init ip -n a -j link show dev v0 => [{"ifindex":2,"link_index":2,"ifname":"v0","flags":["BROADCAST","MULTICAST"],"mtu":1500,"qdisc":"noop","operstate":"DOWN","linkmode":"DEFAULT","group":"default","txqlen":1000,"link_type":"ether","address":"02:00:00:00:00:01","broadcast":"ff:ff:ff:ff:ff:ff","link_netnsid":0}]
init ip -n b -j link show dev v1 => [{"ifindex":2,"link_index":2,"ifname":"v1","flags":["BROADCAST","MULTICAST"],"mtu":1500,"qdisc":"noop","operstate":"DOWN","linkmode":"DEFAULT","group":"default","txqlen":1000,"link_type":"ether","address":"02:00:00:00:00:02","broadcast":"ff:ff:ff:ff:ff:ff","link_netnsid":0}]
