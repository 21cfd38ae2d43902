# RTM_GETNSID with TARGET_NSID: NSID is the peer's id seen from the target,
# CURRENT_NSID its id in the requesting netns (-1 when unassigned); a request NSID
# is resolved in the current netns; nothing is allocated on either side.
# Reference: linux-behaviour.md §6.2 (TARGET_NSID rows).
init ip netns add b =>
init ip netns add c =>
init ip netns add d =>
init ip netns add l =>
init open /run/netns/b as b => ok
init open /run/netns/c as c => ok
init open /run/netns/d as d => ok
init open /run/netns/l as l => ok
init open /proc/self/ns/net as a => ok
init nl newnsid fd=b nsid=5 => ok
init nl newnsid fd=c nsid=7 => ok
init nl newnsid fd=d nsid=11 => ok
init nl getnsid fd=b target=7 => nsid -1 current-nsid 5
init ip -n c netns list-id =>
init ip -n c netns set b 100 =>
init spawn ct
ct setns c net => ok
ct nl newnsid fd=a nsid=200 => ok
ct nl newnsid fd=l nsid=300 => ok
init nl getnsid fd=b target=7 => nsid 100 current-nsid 5
init nl getnsid nsid=5 target=7 => nsid 100 current-nsid 5
init nl getnsid fd=d target=7 => nsid -1 current-nsid 11
init nl getnsid fd=l target=7 => nsid 300 current-nsid -1
init nl getnsid fd=l => nsid -1
init nl dumpnsid => nsid 5 | nsid 7 | nsid 11
