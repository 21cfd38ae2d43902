# The init of a new pid namespace may setns() into its own (active) pid
# namespace, with type 0 and with pid: allowed, and nothing changes.
# Source: gVisor test/syscalls/linux/setns.cc, SetnsTest.ChangePIDNamespace (child_init_in_pidns).
init spawn p => ok
p unshare pid => ok
p spawn one => ok
one getpid => pid 1
one open /proc/self/ns/pid as own => ok
one setns own 0 => ok
one setns own pid => ok
one readlink /proc/self/ns/pid => pid:[ns1]
one readlink /proc/self/ns/pid_for_children => pid:[ns1]
one spawn two => ok
two getpid => pid 2
