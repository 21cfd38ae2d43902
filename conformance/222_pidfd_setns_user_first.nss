# setns(pidfd, user,...) into a task of a child user namespace works for the
# creator's side, and the other types of the same call are checked with the
# caller's credentials from before the call: the target's uts, owned by the
# initial user namespace, is accepted although the new user namespace has
# no say over it (afterwards NS_GET_USERNS of it is EPERM).
# Reference: probed on the reference kernel.
init spawn t => ok
t unshare user,net => ok
init spawn s => ok
s pidfd t as p => ok
s setns p user,net,uts => ok
s readlink /proc/self/ns/user => user:[ns1]
s readlink /proc/self/ns/net => net:[ns2]
t readlink /proc/self/ns/user => user:[ns1]
t readlink /proc/self/ns/net => net:[ns2]
s open /proc/self/ns/uts as uts => ok
s ioctl uts NS_GET_USERNS as o => error EPERM
