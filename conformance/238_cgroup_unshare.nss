# unshare(CLONE_NEWCGROUP) gives the task a new cgroup namespace at once
# (no *_for_children link), which its children inherit; the other tasks
# keep theirs. (/proc/self/cgroup is left out: its lines depend on the
# host's hierarchies; each reads "/" in a fresh cgroup namespace.)
# Reference: probed on the reference kernel.
init readlink /proc/self/ns/cgroup => cgroup:[ns1]
init spawn t => ok
t unshare cgroup => ok
t readlink /proc/self/ns/cgroup => cgroup:[ns2]
t spawn u => ok
u readlink /proc/self/ns/cgroup => cgroup:[ns2]
init readlink /proc/@t/ns/cgroup => cgroup:[ns2]
init readlink /proc/self/ns/cgroup => cgroup:[ns1]
