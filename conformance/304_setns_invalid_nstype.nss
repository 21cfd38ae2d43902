# setns() with nstype -1 (every bit set) on a namespace fd is EINVAL, for
# every type of fd. Source: LTP setns01, the "invalid ns_type" case.
# Probed: pending/probe/setns_raw_nstype.c (needs: a raw nstype number in setns,
# which SCENARIOS.md does not list: it allows a raw fd number only).
init open /proc/self/ns/ipc as ipc => ok
init open /proc/self/ns/mnt as mnt => ok
init open /proc/self/ns/net as net => ok
init open /proc/self/ns/pid as pid => ok
init open /proc/self/ns/uts as uts => ok
init setns ipc -1 => error EINVAL
init setns mnt -1 => error EINVAL
init setns net -1 => error EINVAL
init setns pid -1 => error EINVAL
init setns uts -1 => error EINVAL
