# `ip netns list-id` prints "nsid N (iproute2 netns name: NAME)" in
# ascending id order, -j as [{"nsid":N,"name":...}]; `nsid N` filters to one
# id, and an unknown id is "Peer netns reference is invalid", exit 2.
# Reference: linux-behaviour.md §7 (list-id rows).
init ip netns add n1 =>
init ip netns add obs =>
init ip netns add n2 =>
init ip netns add n3 =>
init ip -n obs netns set n1 auto =>
init ip -n obs netns set n2 7 =>
init ip -n obs netns set n3 auto =>
init ip -n obs netns list-id => nsid 0 (iproute2 netns name: n1) | nsid 1 (iproute2 netns name: n3) | nsid 7 (iproute2 netns name: n2)
init ip -n obs -j netns list-id => [{"nsid":0,"name":"n1"},{"nsid":1,"name":"n3"},{"nsid":7,"name":"n2"}]
init ip -n obs netns list-id nsid 7 => nsid 7 (iproute2 netns name: n2)
init ip -n obs netns list-id nsid 99 => stderr: Error: Peer netns reference is invalid. | exit 2
init ip -n obs netns list => n3 (id: 1) | n2 (id: 7) | obs | n1 (id: 0)
init ip -n obs -j netns list => [{"name":"n3","id":1},{"name":"n2","id":7},{"name":"obs"},{"name":"n1","id":0}]
init ip netns list-id =>
