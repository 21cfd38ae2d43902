# A netns pinned only by a bind mount (no task, no fd) dies at umount: after
# settle the observer gets RTM_DELNSID; `ip netns list` no longer shows it
# once the file is removed. Until then each lookup of its nsid (ip asks twice:
# for the name map and for the listing) fails: the file is no namespace now.
# Reference: linux-behaviour.md §6.5 (umount2(MNT_DETACH) of the last bind mount), §9.
init ip netns add blue =>
init ip netns set blue 2 =>
init monitor nsid => ok
init umount /run/netns/blue => ok
init settle => ok
init events 1 => DELNSID nsid 2
init ip netns list => blue | stderr: Error: Peer netns reference is invalid. | stderr: Error: Peer netns reference is invalid.
init rm /run/netns/blue => ok
init ip netns list =>
init nl dumpnsid =>
