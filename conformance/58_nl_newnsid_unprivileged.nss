# RTM_NEWNSID from a socket of a task without CAP_NET_ADMIN (uid 1000) is
# EPERM with no extack message; GETNSID and dumps are allowed to it.
# Reference: linux-behaviour.md §6.1 ("uid 65534 socket in pr_a: NEWNSID"), §6.2 (last row), §6.4.
init ip netns add b =>
init ip netns set b 5 =>
init open /run/netns/b as b => ok
init spawn u
u setuid 1000 => ok
u nl newnsid fd=b nsid=6 => error EPERM
u nl getnsid fd=b => nsid 5
u nl dumpnsid => nsid 5
init nl getnsid fd=b => nsid 5
