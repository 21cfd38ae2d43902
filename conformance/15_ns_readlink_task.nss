# /proc/PID/ns/net names the namespace of task PID, not the reader's: after t
# unshares, init sees t's new netns there and its own is unchanged.
# Reference: linux-behaviour.md §1 (ns files), §3 (/proc/thread-self/ns/net after setns).
init spawn t
init readlink /proc/@t/ns/net => net:[ns1]
init readlink /proc/self/ns/net => net:[ns1]
t unshare net => ok
init readlink /proc/@t/ns/net => net:[ns2]
t readlink /proc/self/ns/net => net:[ns2]
t readlink /proc/@init/ns/net => net:[ns1]
init readlink /proc/self/ns/net => net:[ns1]
init stat /proc/@t/ns/net => ino ns2
