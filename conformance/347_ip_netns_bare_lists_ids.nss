# ip netns without a subcommand lists the names as list does, ids included.
# Source: iproute2 testsuite/tests/ip/netns/set_nsid.t ("List netns without
# explicit list or show").
init ip netns add testnsid =>
init ip netns set testnsid 99 =>
init ip netns => testnsid (id: 99)
