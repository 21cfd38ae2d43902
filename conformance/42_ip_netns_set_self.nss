# `ip -n OBS netns set OBS 100` run from inside OBS gives OBS an id for
# itself; list-id in OBS shows it with its own name. The init netns's table
# is not touched by -n.
# Reference: linux-behaviour.md §7 ("set pr_obs 100 (self, from inside pr_obs)"), §6.1 (self id).
init ip netns add obs =>
init ip -n obs netns set obs 100 =>
init ip -n obs netns list-id => nsid 100 (iproute2 netns name: obs)
init ip -n obs netns list => obs (id: 100)
init ip netns list => obs
init nl dumpnsid =>
