# The uts sysctls have no per-namespace owner: a write to
# /proc/sys/kernel/hostname is allowed by the file mode to the global root
# uid (kuid 0) only, whatever its capabilities. Root's task in a child user
# namespace may not sethostname the scenario's uts namespace (EPERM) but
# may write it through /proc.
# Reference: probed on the reference kernel.
init spawn t => ok
t unshare user => ok
t write /proc/self/setgroups deny => ok
t write /proc/self/uid_map "0 0 1" => ok
t write /proc/self/gid_map "0 0 1" => ok
t hostname fromchild => error EPERM
t write /proc/sys/kernel/hostname fromchild => ok
init hostname => fromchild
