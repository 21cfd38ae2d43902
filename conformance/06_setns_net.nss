# setns(netns fd, CLONE_NEWNET) and setns(netns fd, 0) move the task into the
# target netns; setns into the netns the task is already in returns 0.
# Reference: linux-behaviour.md §3 (setns(netns fd, 0), CLONE_NEWNET, current netns).
init open /proc/self/ns/net as home => ok
init spawn t
t unshare net => ok
init open /proc/@t/ns/net as other => ok
init readlink /proc/self/fd/%home => net:[ns1]
init readlink /proc/self/fd/%other => net:[ns2]
init setns other net => ok
init readlink /proc/self/ns/net => net:[ns2]
init setns home 0 => ok
init readlink /proc/self/ns/net => net:[ns1]
init setns home net => ok
init readlink /proc/self/ns/net => net:[ns1]
init setns other 0 => ok
init readlink /proc/thread-self/ns/net => net:[ns2]
