# An unprivileged task can unshare(CLONE_NEWUSER|CLONE_NEWNET): the new netns
# is owned by the new user namespace (NS_GET_USERNS gives /proc/self/ns/user),
# and a further unshare(CLONE_NEWNET) inside it also succeeds.
# Reference: linux-behaviour.md §4 (uid 65534 rows), §2 (NS_GET_USERNS).
init spawn t
t readlink /proc/self/ns/net => net:[ns1]
t readlink /proc/self/ns/user => user:[ns2]
t setuid 1000 => ok
t unshare user,net => ok
t readlink /proc/self/ns/user => user:[ns3]
t readlink /proc/self/ns/net => net:[ns4]
t open /proc/self/ns/net as n => ok
t ioctl n NS_GET_USERNS as owner => ok
t readlink /proc/self/fd/%owner => user:[ns3]
t unshare net => ok
t readlink /proc/self/ns/net => net:[ns5]
t readlink /proc/self/ns/user => user:[ns3]
