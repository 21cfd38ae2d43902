# Under netns exec the cgroup and time namespaces are the model's too:
# /proc/self/ns/{cgroup,time,time_for_children} of a program are its
# task's; unshare -C and -T (util-linux) make model namespaces, and the
# program unshare -T runs enters the new time namespace at its execve
# (exec_task_namespaces), as on the kernel; --monotonic/--boottime write
# timens_offsets first; nsenter enters a task's cgroup and time
# namespaces by path and by pid; a time namespace's offsets are frozen
# once a task is in it (tee's write: EACCES), and writable before.
# Namespaces that die at once are compared, not named: the kernel may give
# a later one the same inode number, or not (its numbers are the host's).
init spawn t => ok
t unshare cgroup,time => ok
t exec readlink /proc/self/ns/cgroup /proc/self/ns/time /proc/self/ns/time_for_children => cgroup:[ns1] | time:[ns2] | time:[ns2]
t readlink /proc/self/ns/cgroup => cgroup:[ns1]
t readlink /proc/self/ns/time_for_children => time:[ns2]
init exec unshare -C sh -c "test $(readlink /proc/self/ns/cgroup) != $(readlink /proc/@init/ns/cgroup) && echo new cgroup" => new cgroup
init exec unshare -T sh -c "test $(readlink /proc/self/ns/time) = $(readlink /proc/self/ns/time_for_children) && test $(readlink /proc/self/ns/time) != $(readlink /proc/@init/ns/time) && echo entered; cat /proc/self/timens_offsets" => entered | monotonic           0         0 | boottime            0         0
init exec unshare -T --monotonic 100 --boottime 7 cat /proc/self/timens_offsets => monotonic         100         0 | boottime            7         0
init exec nsenter --cgroup=/proc/@t/ns/cgroup readlink /proc/self/ns/cgroup => cgroup:[ns1]
init exec nsenter -t @t -C -T readlink /proc/self/ns/cgroup /proc/self/ns/time => cgroup:[ns1] | time:[ns3]
init exec sh -c "echo 'monotonic 5 0' | tee /proc/@t/timens_offsets >/dev/null 2>&1 || echo refused" => refused
init spawn u => ok
u unshare time => ok
init exec sh -c "echo 'monotonic 5 0' | tee /proc/@u/timens_offsets >/dev/null && cat /proc/@u/timens_offsets" => monotonic           5         0 | boottime            0         0
u spawn v => ok
v readlink /proc/self/ns/time => time:[ns4]
