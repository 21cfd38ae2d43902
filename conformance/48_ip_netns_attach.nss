# `ip netns attach NAME TASK` names TASK's existing netns (exit 0, no output):
# the name then refers to that netns; attaching the name again fails with
# "File exists", exit 1.
# Reference: linux-behaviour.md §7 ("ip netns attach pr_x <pid> / again").
init spawn t
t unshare net => ok
t readlink /proc/self/ns/net => net:[ns1]
init ip netns attach x t =>
init stat /run/netns/x => ino ns1
init ip netns identify t => x
init ip netns list => x
init ip netns attach x t => stderr: Cannot create namespace file "/run/netns/x": File exists | exit 1
t exit => ok
init settle => ok
init stat /run/netns/x => ino ns1
