# unshare -p without --fork: the caller stays where it is and its
# pid_for_children is the new namespace; its first child is that
# namespace's init (pid 1, getppid 0), a grandchild is pid 2 there with
# /proc/self/ns/pid the caller's pid_for_children. Once the init has gone,
# nothing more can be forked into the namespace: the caller's next fork
# fails (ENOMEM). Under netns exec the ns files are the model's and the
# numbers the kernel's, which the model's follow. (kernel/nsproxy.c,
# kernel/pid.c alloc_pid, fs/proc/namespaces.c; probed.)
init exec unshare -p sh -c "sh -c 'echo $$ $PPID; readlink /proc/self/ns/pid /proc/'$$'/ns/pid_for_children /proc/'$$'/ns/pid'" => 1 0 | pid:[ns1] | pid:[ns1] | pid:[ns2]
init exec unshare -p sh -c "sh -c 'echo $$'; sh -c 'echo again'" => 1 | stderr: sh: 1: Cannot fork | exit 2
# A setns of a pid namespace file given another type's: EINVAL.
init exec nsenter --pid=/proc/self/ns/net true => stderr: nsenter: reassociate to namespace 'ns/pid' failed: Invalid argument | exit 1
