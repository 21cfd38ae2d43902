# A program run by a task whose children go into a pid namespace of its
# own (`t unshare pid`) is born there: as that namespace's init (pid 1,
# getppid 0, its child pid 2) when it has none yet, which then dies with
# the program (the task's next fork is ENOMEM); after the namespace's
# init, with the next number there. Its ns/pid is its namespace's. Under
# netns exec the program starts in a real pid namespace made in the
# model's state (no init, or a standing one and the model's ns_last_pid),
# so the kernel numbers it as the model does. (kernel/fork.c
# copy_process, kernel/pid.c alloc_pid, kernel/pid_namespace.c; probed.)
# Not in conformance/: the model gives this only as root (a user who is
# not root cannot make the real namespace before the program's sandbox
# exists), so tests/exec/task_pidns_check.sh runs it as root only.
init spawn t => ok
t unshare pid => ok
t exec sh -c "echo $$ $PPID; sh -c 'echo $$ $PPID'" => 1 0 | 2 1
t spawn a => error ENOMEM
init spawn u => ok
u unshare pid => ok
u spawn b => ok
b getpid => pid 1
u exec sh -c "echo $$; [ $(readlink /proc/self/ns/pid) = $(readlink /proc/@b/ns/pid) ] && echo same" => 2 | same
u spawn c => ok
c getpid => pid 5
