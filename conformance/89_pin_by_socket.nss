# A socket alone keeps its network namespace alive: t's netlink monitor
# socket, made inside t's new netns, pins it after t has moved back out; the
# netns dies (DELNSID in the observer) only when t exits and the socket closes.
# Reference: linux-behaviour.md §9 ("Socket only"), §6.5 (DELNSID).
init open /proc/self/ns/net as home => ok
init spawn t
t unshare net => ok
init nl newnsid pid=t nsid=6 => ok
t monitor nsid => ok
t setns home net => ok
t readlink /proc/self/ns/net => net:[ns1]
init monitor nsid => ok
init settle => ok
init events =>
init nl getnsid nsid=6 => nsid 6
t exit => ok
init settle => ok
init events 1 => DELNSID nsid 6
init nl dumpnsid =>
