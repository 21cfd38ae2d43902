# setns() with the type of another namespace than the fd's is EINVAL, for
# each type: ipc fd as mnt, mnt as net, net as pid, pid as uts, uts as ipc.
# Source: LTP setns01, the "mismatch ns_type/fd" case.
init open /proc/self/ns/ipc as ipc => ok
init open /proc/self/ns/mnt as mnt => ok
init open /proc/self/ns/net as net => ok
init open /proc/self/ns/pid as pid => ok
init open /proc/self/ns/uts as uts => ok
init setns ipc mnt => error EINVAL
init setns mnt net => error EINVAL
init setns net pid => error EINVAL
init setns pid uts => error EINVAL
init setns uts ipc => error EINVAL
