# Root in the init user namespace can setns(CLONE_NEWUSER) into a child user
# namespace it owns, with nstype CLONE_NEWUSER or 0.
# Reference: linux-behaviour.md §3 (setns by fd with a matching or 0 nstype).
init spawn t
t unshare user => ok
init open /proc/@t/ns/user as child => ok
init spawn a
a setns child user => ok
a readlink /proc/self/ns/user => user:[ns1]
init spawn b
b setns child 0 => ok
b readlink /proc/self/ns/user => user:[ns1]
init readlink /proc/self/ns/user => user:[ns2]
