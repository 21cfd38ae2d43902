# `ip netns set NAME auto|N` assigns an id in the current netns (exit 0, no
# output): auto gives the lowest free id; `ip netns list` then shows
# "NAME (id: N)" or the bare name when unassigned, and -j adds "id".
# Reference: linux-behaviour.md §7 (set rows, list with ids), §6.1 (auto id).
init ip netns add n1 =>
init ip netns add n2 =>
init ip netns add n3 =>
init ip netns set n1 auto =>
init ip netns set n2 7 =>
init ip netns list => n3 | n2 (id: 7) | n1 (id: 0)
init ip netns set n3 auto =>
init ip netns list => n3 (id: 1) | n2 (id: 7) | n1 (id: 0)
init ip -j netns list => [{"name":"n3","id":1},{"name":"n2","id":7},{"name":"n1","id":0}]
init nl dumpnsid => nsid 0 | nsid 1 | nsid 7
