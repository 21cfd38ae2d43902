# `ip netns add NAME` creates /run/netns/NAME as an nsfs bind mount of a new
# netns; `ip netns list` prints bare names (no ids assigned) in readdir order,
# newest first on the tmpfs /run; -j gives [{"name":...}].
# Reference: linux-behaviour.md §7 (list rows, strace of add), §1 (bind-mounted ns file).
init ip netns add red =>
init ip netns add blue =>
init ls /run/netns => blue | red
init stat /run/netns/red => ino ns1
init stat /run/netns/blue => ino ns2
init readlink /proc/self/ns/net => net:[ns3]
init ip netns list => blue | red
init ip netns => blue | red
init ip -j netns list => [{"name":"blue"},{"name":"red"}]
init ip netns list-id =>
