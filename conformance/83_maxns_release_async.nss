# At the limit, closing the fds that pin two netns frees their slots once
# their cleanup has run (release is asynchronous; `settle` waits for it):
# unshare(CLONE_NEWNET) then succeeds again.
# Reference: linux-behaviour.md §5 ("Release is asynchronous"), §9 (last bullet).
init spawn t
t unshare user => ok
t write /proc/self/setgroups deny => ok
t write /proc/self/uid_map "0 0 1" => ok
t write /proc/self/gid_map "0 0 1" => ok
t write /proc/sys/user/max_net_namespaces 3 => ok
t unshare net => ok
t open /proc/self/ns/net as n1 => ok
t unshare net => ok
t open /proc/self/ns/net as n2 => ok
t unshare net => ok
t open /proc/self/ns/net as n3 => ok
t unshare net => error ENOSPC
t setns n1 net => ok
t close n2 => ok
t close n3 => ok
t settle => ok
t unshare net => ok
t open /proc/self/ns/net as m1 => ok
t unshare net => ok
t open /proc/self/ns/net as m2 => ok
t unshare net => error ENOSPC
