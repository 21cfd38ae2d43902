# nsenter --pid into a pid namespace a task made (`t unshare pid`): the
# program's child is born there with the next free number after the
# namespace's own tasks (its init a is 1, b is 2), sees it as `$$` and in
# NSpid, and its ns/pid is the tasks'; its own children (grep, wc, two
# readlinks) take 4 to 7 there, so the next program's is 8. Before the namespace has an init its
# pid_for_children cannot be opened (202); once the init has gone nsenter
# cannot fork into it (ENOMEM). Under netns exec the model's namespace gets a real
# one in the same state (a standing init, the model's ns_last_pid), so the
# kernel hands out the model's numbers. (kernel/pid_namespace.c
# pidns_install, kernel/pid.c alloc_pid; util-linux nsenter; probed.)
init spawn t => ok
t unshare pid => ok
init exec sh -c "nsenter --pid=/proc/@t/ns/pid_for_children true 2>&1 | sed 's/.*: //'" => No such file or directory
t spawn a => ok
t spawn b => ok
b getpid => pid 2
init exec nsenter --pid=/proc/@t/ns/pid_for_children sh -c "echo $$; grep NSpid /proc/self/status | wc -w; [ $(readlink /proc/self/ns/pid) = $(readlink /proc/@a/ns/pid) ] && echo same" => 3 | 3 | same
init exec nsenter --pid=/proc/@a/ns/pid sh -c "echo $$" => 8
a exit => ok
init exec nsenter --pid=/proc/@t/ns/pid_for_children sh -c "echo $$" => stderr: nsenter: fork failed: Cannot allocate memory | exit 1
