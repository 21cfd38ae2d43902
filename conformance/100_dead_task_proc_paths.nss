# After a task is reaped: its uid_map and gid_map, reopened through an fd
# link, give EINVAL (proc_id_map_open starts from EINVAL), setgroups ESRCH;
# fds on /proc/PID and /proc/PID/task/PID read " (deleted)" (proc_flush_pid
# unhashes those two), while one on /proc/PID/ns does not.
# Reference: probed on the reference kernel (netns diff).
init spawn t => ok
init open /proc/@t/uid_map as um => ok
init open /proc/@t/gid_map as gm => ok
init open /proc/@t/setgroups as sg => ok
init open /proc/@t as pd => ok
init open /proc/@t/task/@t as tt => ok
init open /proc/@t/ns as nsd => ok
t exit => ok
init cat /proc/self/fd/%um => error EINVAL
init write /proc/self/fd/%um "0 0 1" => error EINVAL
init cat /proc/self/fd/%gm => error EINVAL
init cat /proc/self/fd/%sg => error ESRCH
init readlink /proc/self/fd/%pd => /proc/t (deleted)
init readlink /proc/self/fd/%tt => /proc/t/task/t (deleted)
init readlink /proc/self/fd/%nsd => /proc/t/ns
