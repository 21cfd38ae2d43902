# `ip netns del` / `delete` removes the name (umount + unlink); a missing name
# fails with iproute2's message, exit 1.
# Reference: linux-behaviour.md §7 ("ip netns del pr_missing (also delete)", strace of del).
init ip netns add red =>
init ip netns add blue =>
init ip netns del red =>
init ip netns list => blue
init ip netns delete blue =>
init ls /run/netns =>
init ip netns del red => stderr: Cannot remove namespace file "/run/netns/red": No such file or directory | exit 1
init ip netns delete missing => stderr: Cannot remove namespace file "/run/netns/missing": No such file or directory | exit 1
