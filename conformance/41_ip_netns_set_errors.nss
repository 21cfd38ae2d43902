# `ip netns set` errors, with iproute2 6.1's texts and exit statuses: an id
# already assigned (exit 2, with auto too), a missing name (exit 1), a
# negative or non-numeric id (exit 255), no id (exit 1).
# Reference: linux-behaviour.md §7 (set rows).
init ip netns add n1 =>
init ip netns set n1 auto =>
init ip netns set n1 3 => stderr: Error: Peer netns already has a nsid assigned. | exit 2
init ip netns set n1 auto => stderr: Error: Peer netns already has a nsid assigned. | exit 2
init ip netns set missing auto => stderr: Cannot open network namespace "missing": No such file or directory | exit 1
init ip netns set n1 -5 => stderr: Error: argument "-5" is wrong: "netnsid" value should be >= 0 | exit 255
init ip netns set n1 abc => stderr: Error: argument "abc" is wrong: Invalid "netnsid" value | exit 255
init ip netns set n1 => stderr: No nsid specified | exit 1
init ip netns list-id => nsid 0 (iproute2 netns name: n1)
