# /proc/sys/user/max_*_namespaces is writable only with CAP_SYS_RESOURCE in
# the user namespace it belongs to (set_permissions): root of a child user
# namespace that dropped it gets EACCES at open, though the file still shows
# mode 0644, and may still read it.
# Reference: probed on the reference kernel.
init spawn t => ok
t unshare user => ok
t write /proc/self/setgroups deny => ok
t write /proc/self/uid_map "0 0 1" => ok
t write /proc/self/gid_map "0 0 1" => ok
t write /proc/sys/user/max_uts_namespaces 5 => ok
t caps drop CAP_SYS_RESOURCE => ok
t write /proc/sys/user/max_uts_namespaces 3 => error EACCES
t cat /proc/sys/user/max_uts_namespaces => 5
