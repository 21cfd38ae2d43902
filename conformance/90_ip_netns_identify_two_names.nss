# When two names refer to the same netns, ip 6.1's `ip netns identify` prints
# one line: the last matching name in readdir order (newest first on the tmpfs
# /run, so the older name x). Its netns_identify_pid() keeps only the last match.
# Reference: linux-behaviour.md §7 (identify rows, attach row).
init spawn t
t unshare net => ok
init ip netns attach x t =>
init ip netns attach y t =>
init ip netns list => y | x
init ip netns identify t => x
