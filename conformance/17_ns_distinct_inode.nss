# Different network namespaces have different inode numbers; a user namespace
# has its own number too; a namespace's number does not change while it lives.
# Reference: linux-behaviour.md §1 (inode numbers of new namespaces).
init open /proc/self/ns/net as first => ok
init unshare net => ok
init open /proc/self/ns/net as second => ok
init unshare net => ok
init open /proc/self/ns/net as third => ok
init stat /proc/self/fd/%first => ino ns1
init stat /proc/self/fd/%second => ino ns2
init stat /proc/self/fd/%third => ino ns3
init stat /proc/self/ns/user => ino ns4
init setns first net => ok
init stat /proc/self/fd/%second => ino ns2
init readlink /proc/self/ns/net => net:[ns1]
