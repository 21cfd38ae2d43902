# setns() with a nstype that does not match the fd's namespace is EINVAL:
# a netns fd with CLONE_NEWUSER, a userns fd with CLONE_NEWNET. Nothing moves.
# Reference: linux-behaviour.md §3 ("setns(netns fd, CLONE_NEWUSER)", "setns(user fd, CLONE_NEWNET)").
init spawn t
t unshare user,net => ok
init open /proc/@t/ns/net as tnet => ok
init open /proc/@t/ns/user as tuser => ok
init setns tnet user => error EINVAL
init setns tuser net => error EINVAL
init readlink /proc/self/ns/net => net:[ns1]
init readlink /proc/self/ns/user => user:[ns2]
init open /proc/self/ns/net as mynet => ok
init setns mynet user => error EINVAL
