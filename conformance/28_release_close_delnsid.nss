# A netns pinned only by an open fd dies when the fd is closed: after settle
# the observer gets RTM_DELNSID; while the fd is open nothing is sent.
# Reference: linux-behaviour.md §6.5 (DELNSID, latency after close of the last fd), §9.
init spawn t
t unshare net => ok
init open /proc/@t/ns/net as pin => ok
init nl newnsid fd=pin nsid=3 => ok
init monitor nsid => ok
t exit => ok
init settle => ok
init events =>
init nl getnsid fd=pin => nsid 3
init close pin => ok
init settle => ok
init events 1 => DELNSID nsid 3
init nl getnsid nsid=3 => error ENOENT "Peer netns reference is invalid"
