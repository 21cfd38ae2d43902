# RTM_NEWNSID notifications go only to listeners in the netns where the id
# was created: an id set from inside c is seen by c's monitor, not by the
# monitor in init's netns, and vice versa.
# Reference: linux-behaviour.md §6.5 (first bullet).
init ip netns add b =>
init ip netns add c =>
init open /run/netns/b as b => ok
init open /run/netns/c as c => ok
init spawn ct
ct setns c net => ok
ct monitor nsid => ok
init monitor nsid => ok
ct nl newnsid fd=b nsid=3 => ok
init nl newnsid fd=b nsid=5 => ok
ct events 1 => NEWNSID nsid 3
init events 1 => NEWNSID nsid 5
ct events =>
init events =>
