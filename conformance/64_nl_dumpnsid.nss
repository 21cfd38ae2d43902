# An NSID dump lists one entry per id, in ascending id order whatever the
# order of assignment, the self id included; without strict checking a
# TARGET_NSID attribute is ignored (the local list comes back).
# Reference: linux-behaviour.md §6.3 (non-strict rows, strict with no attributes).
init open /proc/self/ns/net as self => ok
init ip netns add p =>
init ip netns add q =>
init ip netns add r =>
init ip netns add s =>
init ip netns set p 11 =>
init ip netns set q 2 =>
init ip netns set r 1000000 =>
init ip -n s netns set p 40 =>
init nl newnsid fd=self nsid=-1 => ok
init ip netns set s 7 =>
init nl dumpnsid => nsid 0 | nsid 2 | nsid 7 | nsid 11 | nsid 1000000
init nl dumpnsid target=7 => nsid 0 | nsid 2 | nsid 7 | nsid 11 | nsid 1000000
init nl dumpnsid strict => nsid 0 | nsid 2 | nsid 7 | nsid 11 | nsid 1000000
