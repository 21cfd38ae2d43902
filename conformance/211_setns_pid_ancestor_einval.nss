# setns into a pid namespace is allowed only to the active one or one below
# it (pidns_install): from a child pid namespace, the parent (the scenario's
# root pid namespace) is EINVAL, with the type given or 0, even for root.
# Reference: probed on the reference kernel.
init open /proc/self/ns/pid as rootpid => ok
init spawn t => ok
t unshare pid => ok
t spawn u => ok
u readlink /proc/self/ns/pid => pid:[ns1]
u setns rootpid pid => error EINVAL
u setns rootpid 0 => error EINVAL
u readlink /proc/self/ns/pid_for_children => pid:[ns1]
t setns rootpid pid => ok
t readlink /proc/self/ns/pid_for_children => pid:[ns2]
