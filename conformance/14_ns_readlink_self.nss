# readlink of /proc/self/ns/net and /proc/thread-self/ns/net give the same
# "net:[N]" text; /proc/self/ns/user gives "user:[N]"; stat follows the link
# to the nsfs inode whose number is the N of the link.
# Reference: linux-behaviour.md §1 (readlink, stat of /proc/self/ns/net).
init readlink /proc/self/ns/net => net:[ns1]
init readlink /proc/thread-self/ns/net => net:[ns1]
init readlink /proc/self/ns/user => user:[ns2]
init stat /proc/self/ns/net => ino ns1
init stat /proc/self/ns/user => ino ns2
init stat /proc/thread-self/ns/net => ino ns1
