# `ip netns list-id target-nsid N`: the target's ids with current-nsid (or
# "current-nsid unassigned " with a trailing blank and no name); -j omits absent
# keys; an unknown target is exit 1, `target-nsid N nsid M` an invalid peer, exit 2.
# Reference: linux-behaviour.md §7 (list-id target-nsid rows).
init ip netns add n1 =>
init ip netns add obs =>
init ip netns add n2 =>
init ip netns add n3 =>
init ip -n obs netns set n1 auto =>
init ip -n obs netns set n2 7 =>
init ip -n obs netns set n3 auto =>
init ip -n n2 netns set n1 4 =>
init ip -n n2 netns set obs 9 =>
init ip -n n2 netns set n3 20 =>
# the unassigned row is not the last line here, so its trailing blank shows
init ip -n obs netns list-id target-nsid 7 => nsid 4 current-nsid 0 (iproute2 netns name: n1) | nsid 9 current-nsid unassigned  | nsid 20 current-nsid 1 (iproute2 netns name: n3)
init ip -n obs -j netns list-id target-nsid 7 => [{"nsid":4,"current-nsid":0,"name":"n1"},{"nsid":9},{"nsid":20,"current-nsid":1,"name":"n3"}]
init ip -n obs netns list-id target-nsid 99 => stderr: Error: Invalid target network namespace id. | stderr: Dump terminated | exit 1
init ip -n obs netns list-id target-nsid 7 nsid 4 => stderr: Error: Peer netns reference is invalid. | exit 2
