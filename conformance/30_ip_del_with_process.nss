# `ip netns del` with a task still inside only removes the name: no DELNSID
# until that task exits, and the id stays meanwhile.
# Reference: linux-behaviour.md §6.5 (last bullet), §9 ("ip netns del alone only removes the mount").
init monitor nsid => ok
init ip netns add red =>
init ip netns set red 4 =>
init events 1 => NEWNSID nsid 4
init open /run/netns/red as r => ok
init spawn t
t setns r net => ok
t close r => ok
init close r => ok
init ip netns del red =>
init settle => ok
init events =>
init nl getnsid pid=t => nsid 4
init ls /run/netns =>
t exit => ok
init settle => ok
init events 1 => DELNSID nsid 4
init nl dumpnsid =>
