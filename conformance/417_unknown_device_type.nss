# Kinds the kernel does not have: the reference machine has no dummy
# module (CONFIG_DUMMY is not set), so "Unknown device type".
init ip link add d0 type dummy => stderr: Error: Unknown device type. | exit 2
init ip link show => 1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
