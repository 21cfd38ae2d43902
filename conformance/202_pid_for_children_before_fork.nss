# unshare(CLONE_NEWPID) makes the new pid namespace at once but shows it only
# when its init exists: until the first fork /proc/self/ns/pid_for_children
# cannot be read, stat or opened (ENOENT, pidns_for_children_get has no
# child_reaper yet), and /proc/self/ns/pid stays the old one. After the
# fork both the unsharer's pid_for_children and the child's pid name the new
# namespace.
# Reference: probed on the reference kernel.
init spawn t => ok
t readlink /proc/self/ns/pid => pid:[ns1]
t unshare pid => ok
t readlink /proc/self/ns/pid => pid:[ns1]
t readlink /proc/self/ns/pid_for_children => error ENOENT
t stat /proc/self/ns/pid_for_children => error ENOENT
t open /proc/self/ns/pid_for_children as p => error ENOENT
t spawn u => ok
t readlink /proc/self/ns/pid_for_children => pid:[ns2]
t readlink /proc/self/ns/pid => pid:[ns1]
u readlink /proc/self/ns/pid => pid:[ns2]
u readlink /proc/self/ns/pid_for_children => pid:[ns2]
