# unshare(CLONE_NEWUSER) gives a new user namespace and leaves the network
# namespace alone; nested calls (root mapped "0 0 1" at each level, as the
# probe does) give a new user namespace each time.
# Reference: linux-behaviour.md §1 (three nested unshare(CLONE_NEWUSER)), §4.
init spawn t
t readlink /proc/self/ns/user => user:[ns1]
t readlink /proc/self/ns/net => net:[ns2]
t unshare user => ok
t readlink /proc/self/ns/user => user:[ns3]
t write /proc/self/setgroups deny => ok
t write /proc/self/uid_map "0 0 1" => ok
t write /proc/self/gid_map "0 0 1" => ok
t unshare user => ok
t readlink /proc/self/ns/user => user:[ns4]
t write /proc/self/setgroups deny => ok
t write /proc/self/uid_map "0 0 1" => ok
t write /proc/self/gid_map "0 0 1" => ok
t unshare user => ok
t readlink /proc/self/ns/user => user:[ns5]
t readlink /proc/self/ns/net => net:[ns2]
init readlink /proc/self/ns/user => user:[ns1]
