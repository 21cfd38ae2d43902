# setns with a pidfd is all or nothing: from a child pid namespace, a target
# in the parent pid namespace cannot be joined for pid (EINVAL), and the net
# of the same call is not taken either; without pid the call works.
# Reference: probed on the reference kernel.
init spawn o => ok
o unshare net,uts => ok
init spawn t => ok
t unshare pid => ok
t pidfd o as po => ok
t spawn u => ok
u readlink /proc/self/ns/net => net:[ns1]
u setns po pid,net => error EINVAL
u readlink /proc/self/ns/net => net:[ns1]
u setns po net,uts => ok
u readlink /proc/self/ns/net => net:[ns2]
o readlink /proc/self/ns/net => net:[ns2]
