# A sibling pid namespace (neither the active one nor below it) is EINVAL
# for setns as well.
# Reference: probed on the reference kernel.
init spawn a => ok
a unshare pid => ok
a spawn a1 => ok
init spawn b => ok
b unshare pid => ok
b spawn b1 => ok
a1 open /proc/@b1/ns/pid as sib => ok
a1 readlink /proc/self/fd/%sib => pid:[ns1]
a1 readlink /proc/self/ns/pid => pid:[ns2]
a1 setns sib pid => error EINVAL
b1 open /proc/self/ns/pid as own => ok
b1 setns own pid => ok
