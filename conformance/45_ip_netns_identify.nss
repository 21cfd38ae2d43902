# `ip netns identify TASK` prints the name of TASK's netns; a task in an
# unnamed netns, or no argument, prints nothing (exit 0); a non-pid string is
# rejected, exit 1; run inside a named netns with no argument it names it.
# Reference: linux-behaviour.md §7 (identify rows).
init ip netns add red =>
init open /run/netns/red as r => ok
init spawn t
t setns r net => ok
init spawn u
init ip netns identify t => red
init ip netns identify u =>
init ip netns identify =>
init ip netns identify abc => stderr: Specified string 'abc' is not a pid | exit 1
t ip netns identify => red
