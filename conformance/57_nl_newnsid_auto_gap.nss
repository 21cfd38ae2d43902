# Auto ids fill gaps: with ids {1, 2, 4} assigned, three auto requests get 0,
# then 3, then 5; after the peer holding 2 dies, the next auto gets 2.
# Reference: linux-behaviour.md §6.1 ("Auto id choice", s6c_autogap).
init ip netns add p1 =>
init ip netns add p2 =>
init ip netns add p4 =>
init ip netns add q1 =>
init ip netns add q2 =>
init ip netns add q3 =>
init ip netns add q4 =>
init ip netns set p1 1 =>
init ip netns set p2 2 =>
init ip netns set p4 4 =>
init ip netns set q1 auto =>
init ip netns set q2 auto =>
init ip netns set q3 auto =>
init ip netns list-id => nsid 0 (iproute2 netns name: q1) | nsid 1 (iproute2 netns name: p1) | nsid 2 (iproute2 netns name: p2) | nsid 3 (iproute2 netns name: q2) | nsid 4 (iproute2 netns name: p4) | nsid 5 (iproute2 netns name: q3)
init ip netns del p2 =>
init settle => ok
init ip netns set q4 auto =>
init nl dumpnsid => nsid 0 | nsid 1 | nsid 2 | nsid 3 | nsid 4 | nsid 5
init ip netns list-id nsid 2 => nsid 2 (iproute2 netns name: q4)
