# After unshare pid,time a task's pid and time namespaces stay its own
# until it forks: the pidfd ioctls for pid and time give the old ones,
# those for pid_for_children and time_for_children the new ones. The pid
# one answers before the first fork, when the pid_for_children link is
# still ENOENT.
# Source: kernel tools/testing/selftests/pidfd/pidfd_setns_test.c (the
# *_FOR_CHILDREN namespaces); fs/pidfs.c. Probed: netns diff.
init spawn t => ok
t unshare pid,time => ok
init pidfd t as p => ok
init ioctl p 0xff05 => 1
init ioctl p 0xff06 => 2
init ioctl p 0xff07 => 3
init ioctl p 0xff08 => 4
init readlink /proc/self/fd/1 => pid:[ns1]
init readlink /proc/self/fd/2 => pid:[ns2]
init readlink /proc/self/fd/3 => time:[ns3]
init readlink /proc/self/fd/4 => time:[ns4]
t readlink /proc/self/ns/pid_for_children => error ENOENT
t readlink /proc/self/ns/time_for_children => time:[ns4]
init readlink /proc/self/ns/pid => pid:[ns1]
