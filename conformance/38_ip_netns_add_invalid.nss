# `ip netns add` rejects the names "", "a/b" and ".." with exit 255 and
# creates nothing.
# Reference: linux-behaviour.md §7 ("ip netns add \"\" / a/b / ..").
init ip netns add "" => stderr: Invalid netns name "" | exit 255
init ip netns add a/b => stderr: Invalid netns name "a/b" | exit 255
init ip netns add .. => stderr: Invalid netns name ".." | exit 255
init ls /run/netns =>
init ip netns list =>
