# Without CAP_NET_ADMIN a task may show links but not add, change or
# delete them (EPERM).
init ip link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02 =>
init spawn t => ok
t setuid 1000 => ok
t ip link show => 1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00 | 2: v1@v0: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/ether 02:00:00:00:00:02 brd ff:ff:ff:ff:ff:ff | 3: v0@v1: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/ether 02:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff
t ip link add w0 type veth peer name w1 => stderr: RTNETLINK answers: Operation not permitted | exit 2
t ip link set dev v0 up => stderr: RTNETLINK answers: Operation not permitted | exit 2
t ip link del v0 => stderr: RTNETLINK answers: Operation not permitted | exit 2
