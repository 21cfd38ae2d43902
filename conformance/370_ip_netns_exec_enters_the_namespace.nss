# ip netns exec NAME PROGRAM runs PROGRAM in the named network namespace:
# its /proc/self/ns/net is the one bound at /run/netns/NAME (the one setns
# through that file enters), and ip netns identify inside names it. ip -all
# netns exec runs it in each named namespace, after a "netns: NAME" header.
# Source: iproute2 testsuite/tests/ip/netns/ (exec cases); ip-netns(8).
# Probed: netns diff.
init ip netns add red =>
init ip netns add blue =>
init ip netns exec red readlink /proc/self/ns/net => net:[ns1]
init readlink /proc/self/ns/net => net:[ns2]
init ip netns exec red ip netns identify => red
init exec sh -c "ip -all netns exec readlink /proc/self/ns/net | grep -v '^$'" => netns: blue | net:[ns3] | netns: red | net:[ns1]
init open /run/netns/red as r => ok
init setns r net => ok
init readlink /proc/self/ns/net => net:[ns1]
