# `ip netns add` of an existing name fails with iproute2's message, exit 1,
# and leaves the existing namespace in place.
# Reference: linux-behaviour.md §7 ("ip netns add pr_n1 (exists)").
init ip netns add red =>
init stat /run/netns/red => ino ns1
init ip netns add red => stderr: Cannot create namespace file "/run/netns/red": File exists | exit 1
init stat /run/netns/red => ino ns1
init ip netns list => red
