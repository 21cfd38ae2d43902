# The owner of a user namespace has every capability in it even with none
# of its own: a uid 1000 task without capabilities may setns into a user
# namespace that another uid 1000 task created; uid 1001 may not (EPERM).
# Reference: probed on the reference kernel.
init spawn a => ok
a setuid 1000 => ok
a unshare user => ok
init open /proc/@a/ns/user as ua => ok
init spawn b => ok
b setuid 1000 => ok
b setns ua user => ok
b readlink /proc/self/ns/user => user:[ns1]
init spawn c => ok
c setuid 1001 => ok
c setns ua user => error EPERM
