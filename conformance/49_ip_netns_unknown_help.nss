# `ip netns bogus` is an unknown command (exit 255); `ip netns help` prints the
# usage on stderr, exit 255, ending with the list-id and NETNSID lines. The
# usage lines after the first begin with a TAB, kept as is in the expectation.
# Reference: linux-behaviour.md §7 ("ip netns help", "ip netns bogus").
init ip netns bogus => stderr: Command "bogus" is unknown, try "ip netns help". | exit 255
init ip netns help => stderr: Usage:	ip netns list | stderr: 	ip netns add NAME | stderr: 	ip netns attach NAME PID | stderr: 	ip netns set NAME NETNSID | stderr: 	ip [-all] netns delete [NAME] | stderr: 	ip netns identify [PID] | stderr: 	ip netns pids NAME | stderr: 	ip [-all] netns exec [NAME] cmd ... | stderr: 	ip netns monitor | stderr: 	ip netns list-id [target-nsid POSITIVE-INT] [nsid POSITIVE-INT] | stderr: NETNSID := auto | POSITIVE-INT | exit 255
