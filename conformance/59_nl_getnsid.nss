# RTM_GETNSID by FD, by PID and by NSID gives the peer's id in the
# requester's netns; FD wins over NSID; the requester's own netns gives its
# self id once one is set.
# Reference: linux-behaviour.md §6.2 (FD, PID, NSID=5, FD+NSID=7, self rows).
init ip netns add b =>
init open /run/netns/b as b => ok
init nl newnsid fd=b nsid=5 => ok
init spawn t
t setns b net => ok
init nl getnsid fd=b => nsid 5
init nl getnsid pid=t => nsid 5
init nl getnsid nsid=5 => nsid 5
init nl getnsid nsid=7 fd=b => nsid 5
init open /proc/self/ns/net as self => ok
init nl newnsid fd=self nsid=-1 => ok
init nl getnsid fd=self => nsid 0
init nl getnsid pid=init => nsid 0
