# When a peer netns dies, every netns that had an id for it gets its own
# RTM_DELNSID with its own id (5 in a, 100 in c); ids for other peers stay.
# Reference: linux-behaviour.md §6.5 (second bullet: "Deleting pr_b sent NSID=5 to pr_a and NSID=100 to pr_c").
init open /proc/self/ns/net as a => ok
init ip netns add b =>
init ip netns add c =>
init ip netns set b 5 =>
init ip -n c netns set b 100 =>
init open /run/netns/c as c => ok
init spawn ct
ct setns c net => ok
ct nl newnsid fd=a nsid=200 => ok
ct monitor nsid => ok
init monitor nsid => ok
ct events =>
init ip netns del b =>
init settle => ok
init events 1 => DELNSID nsid 5
ct events 1 => DELNSID nsid 100
ct nl dumpnsid => nsid 200
init nl dumpnsid =>
