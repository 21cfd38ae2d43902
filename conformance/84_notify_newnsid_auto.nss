# A NEWNSID notification carries the id actually assigned: for an auto
# request (nl NSID=-1 or `ip netns set NAME auto`) the chosen id, for an
# explicit request the given one.
# Reference: linux-behaviour.md §6.5 (first bullet), §7 (ip monitor nsid output for set auto).
init ip netns add a =>
init ip netns add b =>
init ip netns add c =>
init open /run/netns/b as b => ok
init monitor nsid => ok
init ip netns set a auto =>
init nl newnsid fd=b nsid=-1 => ok
init ip netns set c 42 =>
init events 3 => NEWNSID nsid 0 | NEWNSID nsid 1 | NEWNSID nsid 42
init events =>
