# `ip netns identify PID` for a pid that does not exist cannot open its
# netns: "Cannot open network namespace: No such file or directory", exit 1.
# Reference: linux-behaviour.md §7 ("ip netns identify 999999").
init ip netns add red =>
init ip netns identify 999999 => stderr: Cannot open network namespace: No such file or directory | exit 1
