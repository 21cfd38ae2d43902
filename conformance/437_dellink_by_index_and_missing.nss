# ip link del of a name that is not there: ip's own error.
init ip link del nope => stderr: Cannot find device "nope" | exit 1
init ip link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02 =>
init ip link del dev v0 =>
init ip link del dev v0 => stderr: Cannot find device "v0" | exit 1
init ip link show => 1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
