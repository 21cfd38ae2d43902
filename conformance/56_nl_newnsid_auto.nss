# NSID=-1 (auto) picks the lowest free id >= 0; a netns may get an id for
# itself (self + auto gives 0); NSID=-2 is treated as auto; large explicit
# ids (1000000, 2147483647) are accepted.
# Reference: linux-behaviour.md §6.1 (self, auto, -2, 2147483647, 1000000 rows).
init open /proc/self/ns/net as self => ok
init ip netns add e =>
init ip netns add f =>
init ip netns add g =>
init ip netns add h =>
init ip netns add i =>
init open /run/netns/e as e => ok
init open /run/netns/f as f => ok
init open /run/netns/g as g => ok
init open /run/netns/h as h => ok
init open /run/netns/i as i => ok
init nl newnsid fd=self nsid=-1 => ok
init nl getnsid fd=self => nsid 0
init nl newnsid fd=e nsid=-1 => ok
init nl newnsid fd=f nsid=-1 => ok
init nl newnsid fd=g nsid=-2 => ok
init nl getnsid fd=e => nsid 1
init nl getnsid fd=f => nsid 2
init nl getnsid fd=g => nsid 3
init nl newnsid fd=h nsid=2147483647 => ok
init nl newnsid fd=i nsid=1000000 => ok
init nl dumpnsid => nsid 0 | nsid 1 | nsid 2 | nsid 3 | nsid 1000000 | nsid 2147483647
