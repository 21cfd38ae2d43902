# The real ip (iproute2 as installed) drives namespaces by their names: add
# binds a new net onto /run/netns/NAME, set gives it an nsid over
# NETLINK_ROUTE, list and list-id read them back, identify finds the name
# of a net, delete unmounts and removes the name. On the model the program's
# /run/netns, its namespace calls and its netlink socket are the model's.
init exec ip netns add red =>
init exec ip netns add blue =>
init exec ip netns set red 5 =>
init exec ip netns list => blue | red (id: 5)
init exec ip netns list-id => nsid 5 (iproute2 netns name: red)
init exec ip -j netns list-id => [{"nsid":5,"name":"red"}]
init exec nsenter --net=/run/netns/red ip netns identify => red
init exec ip netns identify =>
init exec ip netns delete red =>
init settle => ok
init exec ip netns list => blue
init ls /run/netns => blue
