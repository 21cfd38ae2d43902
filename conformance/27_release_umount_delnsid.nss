# A netns pinned by a bind mount and an fd lives until both are gone: after
# umount it survives (fd still open, no DELNSID); after the last close and
# settle, the observer that had an id for it gets RTM_DELNSID and the id is gone.
# Reference: linux-behaviour.md §6.5 (DELNSID when a peer dies), §9 (teardown).
init open /proc/self/ns/net as home => ok
init touch /run/netns/blue => ok
init unshare net => ok
init mount --bind /proc/self/ns/net /run/netns/blue => ok
init setns home net => ok
init open /run/netns/blue as b => ok
init nl newnsid fd=b nsid=5 => ok
init monitor nsid => ok
init nl dumpnsid => nsid 5
init umount /run/netns/blue => ok
init stat /run/netns/blue => file
init settle => ok
init events =>
init nl getnsid fd=b => nsid 5
init close b => ok
init settle => ok
init events 1 => DELNSID nsid 5
init nl dumpnsid =>
init rm /run/netns/blue => ok
