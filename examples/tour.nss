# A tour of network namespaces, run on the model by `make demo`
# (`netns run examples/tour.nss`). Each command prints its result lines
# indented below it; `=>` lines are checked. Namespace inode numbers show
# as ns1, ns2, ... in order of first appearance.

# The initial task lives in the initial network namespace.
init readlink /proc/self/ns/net => net:[ns1]

# Two named namespaces, made the way iproute2 makes them: an empty file
# under /run/netns, unshare, and a bind mount of /proc/self/ns/net over
# the file. The mount holds the namespace: no task lives in it.
init ip netns add red =>
init ip netns add blue =>
init ip netns list => blue | red
init stat /run/netns/red => ino ns2

# Pinning by fd: an open namespace file holds a reference too.
init open /run/netns/red as red => ok
init open /run/netns/blue as blue => ok
init ioctl red NS_GET_NSTYPE => 0x40000000

# A listener for id changes in the initial namespace.
init monitor nsid => ok

# Peer ids, set both ways: red gets 5 here, blue the lowest free id.
init ip netns set red 5 =>
init nl newnsid fd=blue nsid=-1 => ok
init events 2 => NEWNSID nsid 5 | NEWNSID nsid 0
init ip netns list-id => nsid 0 (iproute2 netns name: blue) | nsid 5 (iproute2 netns name: red)
init nl getnsid fd=red => nsid 5
init nl newnsid fd=red nsid=7 => error EEXIST "Peer netns already has a nsid assigned"

# Read from inside red: a task moves in with setns and numbers the
# initial namespace there; the target form reads ids across namespaces.
init spawn r
r setns red net => ok
r readlink /proc/self/ns/net => net:[ns2]
r ip netns set blue 9 =>
init nl getnsid fd=blue target=5 => nsid 9 current-nsid 0
init ip netns pids red => r
init ip netns identify r => red

# /proc/net follows the reader: red's lo only, and red's own sysctls.
r cat /proc/net/dev
r write /proc/sys/net/core/somaxconn 1024 => ok
r cat /proc/sys/net/core/somaxconn => 1024
init cat /proc/sys/net/core/somaxconn => 4096

# A permission error: a task that gave up uid 0 cannot make a namespace.
init spawn nobody
nobody setuid 65534 => ok
nobody unshare net => error EPERM

# The namespace limit: inside its own user namespace a task may lower
# max_net_namespaces, and the next namespace is refused.
init spawn u
u unshare user => ok
u write /proc/sys/user/max_net_namespaces 0 => ok
u unshare net => error ENOSPC

# A namespace dying: blue loses its name and the fds that hold it (spawn
# copied init's fds into every child); the cleanup then removes its ids
# from every namespace that held one, each with an RTM_DELNSID.
init ip netns delete blue =>
init close blue => ok
r close blue => ok
nobody exit => ok
u exit => ok
init settle => ok
init events 1 => DELNSID nsid 0
init ip netns list-id => nsid 5 (iproute2 netns name: red)
