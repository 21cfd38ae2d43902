# RTM_NEWNSID with both PID and FD uses PID: PID(a task in the requester's
# own netns) + FD(peer f) + NSID=9 gives the requester's own netns id 9, and
# the FD peer stays unassigned.
# Reference: linux-behaviour.md §6.1 ("PID(own pid, init netns) and FD(pr_f) + NSID=9").
init ip netns add f =>
init open /run/netns/f as f => ok
init nl newnsid pid=init fd=f nsid=9 => ok
init nl getnsid pid=init => nsid 9
init nl getnsid fd=f => nsid -1
init nl dumpnsid => nsid 9
