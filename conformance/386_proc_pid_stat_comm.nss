# /proc/PID/stat and /proc/PID/comm, what ps and lsns read: pid, (comm),
# state, parent. A task's comm is its own to change (a write from another
# process is EINVAL, as from an fd the task opened itself); a task whose
# parent exits is reparented to pid 1.
# The world's tasks are called netns-task and its pid 1 netns-p1 on both
# backends; the fields after the parent (times, memory) are the kernel's
# alone, so only the first five are compared. A task's own state is not
# compared while its program runs: on the kernel the task may not yet sleep
# in wait when its child reads it (R or S, by timing).
init spawn q => ok
q spawn c => ok
init exec sh -c "cut -d' ' -f1-5 /proc/@c/stat /proc/1/stat; cat /proc/@c/comm" => 4 (netns-task) S 3 0 | 1 (netns-p1) S 0 0 | netns-task
q exit => ok
init exec sh -c "cut -d' ' -f1-5 /proc/@c/stat" => 4 (netns-task) S 1 0
init write /proc/@c/comm other => error EINVAL
init exec cat /proc/@c/comm => netns-task
c exec sh -c "cut -d' ' -f2 /proc/@c/stat && cut -d' ' -f2,3 /proc/self/stat" => (netns-task) | (cut) R
c readlink /proc/self/ns/pid => pid:[ns1]
