# RTM_NEWNSID with FD(peer) + NSID=5 and NLM_F_ACK is ACKed; GETNSID then
# gives 5, and a monitor in the requester's netns gets RTM_NEWNSID nsid 5.
# Reference: linux-behaviour.md §6.1 (first row), §6.2 (FD(pr_b)), §6.5.
init ip netns add b =>
init open /run/netns/b as b => ok
init monitor nsid => ok
init nl newnsid fd=b nsid=5 => ok
init events 1 => NEWNSID nsid 5
init nl getnsid fd=b => nsid 5
init ip netns list => b (id: 5)
