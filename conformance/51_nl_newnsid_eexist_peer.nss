# RTM_NEWNSID for a peer that already has an id is EEXIST "Peer netns
# already has a nsid assigned", whether the new value differs or is the same;
# the id is unchanged and no notification is sent.
# Reference: linux-behaviour.md §6.1 ("FD(pr_b) + NSID=6", "FD(pr_b) + NSID=5 (same value again)").
init ip netns add b =>
init open /run/netns/b as b => ok
init nl newnsid fd=b nsid=5 => ok
init monitor nsid => ok
init nl newnsid fd=b nsid=6 => error EEXIST "Peer netns already has a nsid assigned"
init nl newnsid fd=b nsid=5 => error EEXIST "Peer netns already has a nsid assigned"
init nl newnsid fd=b nsid=-1 => error EEXIST "Peer netns already has a nsid assigned"
init nl getnsid fd=b => nsid 5
init events =>
