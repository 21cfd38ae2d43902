# After ip netns add and ip netns set NAME 99, ip netns list shows the
# name with its id.
# Source: iproute2 testsuite/tests/ip/netns/set_nsid.t ("List netns").
init ip netns add testnsid =>
init ip netns set testnsid 99 =>
init ip netns list => testnsid (id: 99)
