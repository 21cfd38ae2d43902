# A task of the parent pid namespace that setns()es (type 0) into a child
# pid namespace keeps its own pid; its next child is born in the target
# namespace, with the next free pid there.
# Source: gVisor test/syscalls/linux/setns.cc, SetnsTest.ChangePIDNamespace (setns_pid).
init spawn p => ok
p unshare pid => ok
p spawn one => ok
init spawn s => ok
s open /proc/@one/ns/pid as pns => ok
s setns pns 0 => ok
s getpid => pid s
s spawn k => ok
k getpid => pid 2
k readlink /proc/self/ns/pid => pid:[ns1]
one readlink /proc/self/ns/pid => pid:[ns1]
s readlink /proc/self/ns/pid => pid:[ns2]
