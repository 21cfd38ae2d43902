# RTM_GETNSID for a peer without an id answers nsid -1 and does not
# allocate one: a second request still gives -1 and the dump lacks it.
# Reference: linux-behaviour.md §6.2 ("FD(pr_k) with no id assigned"), §6.6.
init ip netns add k =>
init open /run/netns/k as k => ok
init monitor nsid => ok
init nl getnsid fd=k => nsid -1
init nl getnsid fd=k => nsid -1
init nl dumpnsid =>
init events =>
init ip netns list => k
