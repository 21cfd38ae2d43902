# The owner of a network namespace (root of the user namespace that owns
# it, here uid 1000 mapped to 0) may make devices there, but not move one
# to, or make a peer in, a namespace whose owner it is not: CAP_NET_ADMIN
# over the target's owning user namespace (EPERM). Without the mapping,
# an unprivileged uid's ip has no capabilities after exec.
init touch /run/netns/root => ok
init mount --bind /proc/self/ns/net /run/netns/root => ok
init spawn t => ok
t setuid 1000 => ok
t unshare user,net => ok
t ip link add x0 type veth peer name x1 => stderr: RTNETLINK answers: Operation not permitted | exit 2
t prctl dumpable 1 => ok
init write /proc/@t/uid_map "0 1000 1" => ok
t ip link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02 =>
t ip link show => 1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00 | 2: v1@v0: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/ether 02:00:00:00:00:02 brd ff:ff:ff:ff:ff:ff | 3: v0@v1: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/ether 02:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff
t ip link set v0 netns root => stderr: RTNETLINK answers: Operation not permitted | exit 2
t ip link add w0 address 02:00:00:00:00:03 type veth peer name w1 address 02:00:00:00:00:04 netns root => stderr: RTNETLINK answers: Operation not permitted | exit 2
t ip link show => 1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00 | 2: v1@v0: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/ether 02:00:00:00:00:02 brd ff:ff:ff:ff:ff:ff | 3: v0@v1: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/ether 02:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff
init ip link show => 1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000 |     link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
