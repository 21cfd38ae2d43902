# /proc/sys/user also holds the per-user-namespace inotify and fanotify
# limits, after the eight namespace ones: 128 instances and 128 groups in
# the initial user namespace, INT_MAX in a new one, where its root may set
# them (a negative value is EINVAL).
# Source: kernel/ucount.c user_table (UCOUNT_INOTIFY_*, UCOUNT_FANOTIFY_*);
# LTP inotify and fanotify tests read these limits. Probed: netns diff.
init ls /proc/sys/user => max_cgroup_namespaces | max_fanotify_groups | max_fanotify_marks | max_inotify_instances | max_inotify_watches | max_ipc_namespaces | max_mnt_namespaces | max_net_namespaces | max_pid_namespaces | max_time_namespaces | max_user_namespaces | max_uts_namespaces
init cat /proc/sys/user/max_inotify_instances => 128
init cat /proc/sys/user/max_fanotify_groups => 128
init spawn t => ok
t unshare user => ok
t cat /proc/sys/user/max_inotify_instances => 2147483647
t cat /proc/sys/user/max_fanotify_marks => 2147483647
t write /proc/sys/user/max_inotify_watches 100 => ok
t cat /proc/sys/user/max_inotify_watches => 100
t write /proc/sys/user/max_inotify_watches -1 => error EINVAL
