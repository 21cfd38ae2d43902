# ip netns list-id shows the nsid with the iproute2 name of the namespace
# it stands for.
# Source: iproute2 testsuite/tests/ip/netns/set_nsid.t ("List nsid").
init ip netns add testnsid =>
init ip netns set testnsid 99 =>
init ip netns list-id => nsid 99 (iproute2 netns name: testnsid)
