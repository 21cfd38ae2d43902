# unshare(CLONE_NEWUSER|CLONE_NEWNET) makes both namespaces at once: the new
# netns is owned by the new userns, as seen from the parent user namespace too.
# Reference: linux-behaviour.md §1 (userns allocated first), §2 (NS_GET_USERNS from init).
init spawn t
t unshare user,net => ok
init readlink /proc/@t/ns/user => user:[ns1]
init readlink /proc/@t/ns/net => net:[ns2]
init open /proc/@t/ns/net as tnet => ok
init ioctl tnet NS_GET_USERNS as towner => ok
init readlink /proc/self/fd/%towner => user:[ns1]
init ioctl tnet NS_GET_NSTYPE => 0x40000000
