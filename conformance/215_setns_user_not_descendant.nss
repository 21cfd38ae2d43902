# setns into a user namespace: the current one is EINVAL; the parent and a
# sibling are EPERM for the root of a child user namespace (it has no
# capability there); the creator's side, in the parent, may enter a child
# but not come back.
# Reference: probed on the reference kernel.
init open /proc/self/ns/user as top => ok
init spawn a => ok
a unshare user => ok
init open /proc/@a/ns/user as sibling => ok
init spawn b => ok
b unshare user => ok
b write /proc/self/setgroups deny => ok
b write /proc/self/uid_map "0 0 1" => ok
b write /proc/self/gid_map "0 0 1" => ok
b open /proc/self/ns/user as own => ok
b setns own user => error EINVAL
b setns top user => error EPERM
b setns sibling user => error EPERM
init setns sibling user => ok
init readlink /proc/self/ns/user => user:[ns1]
init setns top user => error EPERM
