# ip netns del of a namespace that has an nsid succeeds; once the namespace
# is gone its id goes too (DELNSID), and neither list nor list-id shows it.
# Source: iproute2 testsuite/tests/ip/netns/set_nsid.t ("Delete netns").
init monitor nsid => ok
init ip netns add testnsid =>
init ip netns set testnsid 99 =>
init events 1 => NEWNSID nsid 99
init ip netns del testnsid =>
init settle => ok
init events 1 => DELNSID nsid 99
init ip netns list =>
init ip netns list-id =>
