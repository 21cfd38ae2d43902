# RTM_NEWNSID with an nsid already used by another peer is EEXIST "The
# specified nsid is already used"; the new peer stays unassigned.
# Reference: linux-behaviour.md §6.1 ("FD(pr_d) + NSID=5 (used by pr_b)").
init ip netns add b =>
init ip netns add d =>
init open /run/netns/b as b => ok
init open /run/netns/d as d => ok
init nl newnsid fd=b nsid=5 => ok
init nl newnsid fd=d nsid=5 => error EEXIST "The specified nsid is already used"
init nl getnsid fd=d => nsid -1
init nl dumpnsid => nsid 5
