# `ip netns pids NAME` prints one pid per task in that netns (exit 0); a
# netns with no task prints nothing; a missing name is "Cannot open network
# namespace: No such file or directory", exit 1.
# Reference: linux-behaviour.md §7 (pids rows), §9 (bind mount only: pids empty).
init ip netns add red =>
init ip netns add blue =>
init open /run/netns/red as r => ok
init spawn t1
t1 setns r net => ok
init spawn t2
t2 setns r net => ok
init ip netns pids red => t1 | t2
init ip netns pids blue =>
init ip netns pids missing => stderr: Cannot open network namespace: No such file or directory | exit 1
t2 exit => ok
init ip netns pids red => t1
