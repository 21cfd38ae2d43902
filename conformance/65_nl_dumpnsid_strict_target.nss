# A strict dump with TARGET_NSID lists the target's ids, each with the
# requester's id for the same peer as current-nsid (-1 when none), and
# allocates nothing in the requester.
# Reference: linux-behaviour.md §6.3 ("Strict + TARGET_NSID=7").
init open /proc/self/ns/net as a => ok
init ip netns add b =>
init ip netns add c =>
init ip netns add l =>
init ip netns set b 5 =>
init ip netns set c 7 =>
init ip -n c netns set b 100 =>
init ip -n c netns set l 300 =>
init open /run/netns/c as c => ok
init spawn ct
ct setns c net => ok
ct nl newnsid fd=a nsid=200 => ok
init nl dumpnsid strict target=7 => nsid 100 current-nsid 5 | nsid 200 current-nsid -1 | nsid 300 current-nsid -1
init nl dumpnsid => nsid 5 | nsid 7
