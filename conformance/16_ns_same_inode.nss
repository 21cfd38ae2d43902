# Two opens of the same namespace refer to one nsfs inode: fstat (via
# /proc/self/fd) gives the same inode number as stat of the ns link, and
# readlink of the fd gives "net:[N]" with that number.
# Reference: linux-behaviour.md §1 (fstat of an opened ns file, readlink /proc/self/fd/N).
init open /proc/self/ns/net as a => ok
init open /proc/self/ns/net as b => ok
init stat /proc/self/fd/%a => ino ns1
init stat /proc/self/fd/%b => ino ns1
init stat /proc/self/ns/net => ino ns1
init readlink /proc/self/fd/%a => net:[ns1]
init readlink /proc/self/fd/%b => net:[ns1]
init ip netns add red => 
init open /run/netns/red as r1 => ok
init open /run/netns/red as r2 => ok
init stat /proc/self/fd/%r1 => ino ns2
init stat /proc/self/fd/%r2 => ino ns2
init stat /run/netns/red => ino ns2
