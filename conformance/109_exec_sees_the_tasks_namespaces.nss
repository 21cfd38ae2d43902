# exec runs a real program as a child of the task: it starts in the task's
# namespaces (a fork keeps them), so its /proc/self/ns/net is the task's,
# before and after the task moves. On the model the program runs under
# netns exec and the model answers its readlink.
init spawn t => ok
t exec readlink /proc/self/ns/net => net:[ns1]
t unshare net => ok
t exec readlink /proc/self/ns/net => net:[ns2]
t readlink /proc/self/ns/net => net:[ns2]
init exec readlink /proc/self/ns/net => net:[ns1]
