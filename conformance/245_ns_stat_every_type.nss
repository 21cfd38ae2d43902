# stat follows each /proc/PID/ns link to its nsfs inode, whose number is the
# N of the link, for every type; the *_for_children links of the root name
# the same inodes as pid and time.
# Reference: linux-behaviour.md §1 (stat rows); probed on the reference
# kernel for every type.
init stat /proc/self/ns/cgroup => ino ns1
init readlink /proc/self/ns/cgroup => cgroup:[ns1]
init stat /proc/self/ns/ipc => ino ns2
init readlink /proc/self/ns/ipc => ipc:[ns2]
init stat /proc/self/ns/mnt => ino ns3
init readlink /proc/self/ns/mnt => mnt:[ns3]
init stat /proc/self/ns/pid => ino ns4
init stat /proc/self/ns/pid_for_children => ino ns4
init readlink /proc/self/ns/pid => pid:[ns4]
init stat /proc/self/ns/time => ino ns5
init stat /proc/self/ns/time_for_children => ino ns5
init readlink /proc/self/ns/time => time:[ns5]
init stat /proc/self/ns/uts => ino ns6
init readlink /proc/self/ns/uts => uts:[ns6]
init stat /proc/self/ns => dir
