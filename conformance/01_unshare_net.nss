# unshare(CLONE_NEWNET) as root succeeds, and each call gives a new network
# namespace; the user namespace does not change.
# Reference: linux-behaviour.md §4 ("root: unshare(CLONE_NEWNET) twice").
init readlink /proc/self/ns/net => net:[ns1]
init readlink /proc/self/ns/user => user:[ns2]
init unshare net => ok
init readlink /proc/self/ns/net => net:[ns3]
init unshare net => ok
init readlink /proc/self/ns/net => net:[ns4]
init readlink /proc/self/ns/user => user:[ns2]
