# iproute2 6.1 names a `list-id target-nsid` row whose current-nsid is
# unassigned by looking the target's nsid up among local ids: target id 7 here
# gets the name of the local id 7 (n2), though it is another netns (z).
# Reference: linux-behaviour.md §7 (list-id target-nsid rows); print_nsid() of ip 6.1.
init ip netns add n2 =>
init ip netns add c =>
init ip netns add z =>
init ip netns set n2 7 =>
init ip netns set c 3 =>
init ip -n c netns set z 7 =>
init ip netns list-id target-nsid 3 => nsid 7 current-nsid unassigned (iproute2 netns name: n2)
init ip -j netns list-id target-nsid 3 => [{"nsid":7,"name":"n2"}]
