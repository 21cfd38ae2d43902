# setns with a pidfd takes a list of types: 0 is EINVAL, user when the
# target is in the caller's own user namespace is EINVAL (the whole call
# fails), and net,uts moves both at once to the target's namespaces.
# Reference: linux-behaviour.md §3 (pidfd rows); probed on the reference
# kernel.
init spawn t => ok
t unshare net,uts => ok
t hostname target => ok
init spawn s => ok
s pidfd t as p => ok
s readlink /proc/self/ns/net => net:[ns1]
s setns p 0 => error EINVAL
s setns p user => error EINVAL
s setns p user,net => error EINVAL
s readlink /proc/self/ns/net => net:[ns1]
s setns p net,uts => ok
s readlink /proc/self/ns/net => net:[ns2]
t readlink /proc/self/ns/net => net:[ns2]
s hostname => target
init hostname => (none)
