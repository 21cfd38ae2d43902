# unshare -pf --mount-proc (root) and -rpf --mount-proc: the child is pid 1
# of a new pid namespace and getppid is 0 there, /proc is that namespace's
# (its processes by their numbers there, /proc/self the reader's), and a
# fork's result is the child's number there. Under netns exec the model's
# new pid namespace is the kernel's too, in the program's sandbox, and the
# model numbers its tasks as the kernel did. (kernel/pid.c alloc_pid,
# kernel/pid_namespace.c; util-linux unshare; probed.)
init exec unshare -pf --mount-proc sh -c "echo $$ $PPID; ls -d /proc/[0-9]*; readlink /proc/self" => 1 0 | /proc/1 | 3
init exec unshare -rpf --mount-proc sh -c "echo $$; id -u; awk '{ print $1, $2, $3 }' /proc/self/uid_map" => 1 | 0 | 0 0 1
init exec unshare -rpf --mount-proc sh -c "sleep 1 & echo $!; sh -c 'echo $$ $PPID'; grep NSpid /proc/self/status; wait" => 2 | 3 1 | NSpid:	4
