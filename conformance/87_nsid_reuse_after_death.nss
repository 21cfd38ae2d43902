# After a peer holding id 0 dies, its id is gone from the dump and a fresh
# peer's auto id reuses 0.
# Reference: linux-behaviour.md §9 ("After the death ... A fresh peer's auto id reused 0").
init ip netns add x =>
init ip netns set x auto =>
init ip netns list-id => nsid 0 (iproute2 netns name: x)
init ip netns del x =>
init settle => ok
init nl dumpnsid =>
init ip netns add y =>
init ip netns set y auto =>
init nl dumpnsid => nsid 0
init ip netns list => y (id: 0)
