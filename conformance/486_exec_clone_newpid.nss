# clone(CLONE_NEWPID) rather than unshare: the child is pid 1 of a new
# pid namespace (getppid 0) and its own child is pid 2 there, while the
# parent's pid_for_children stays its own namespace. Under netns exec the
# clone goes to the kernel unseen; the child's task is made in a new model
# pid namespace when its real one is not its parent's pid_for_children.
# (kernel/fork.c copy_process, kernel/pid_namespace.c copy_pid_ns; probed.)
init exec perl -e "$| = 1; my $c = syscall(56, 0x20000000 | 17, 0, 0, 0, 0); if ($c == 0) { print join(' ', 'child', syscall(39), getppid()), qq(\n), readlink('/proc/self/ns/pid'), qq(\n); if (fork() == 0) { print join(' ', 'grandchild', syscall(39), getppid()), qq(\n); exit 0 } wait; exit 0 } waitpid($c, 0); print readlink('/proc/self/ns/pid'), qq(\n), readlink('/proc/self/ns/pid_for_children'), qq(\n)" => child 1 0 | pid:[ns1] | grandchild 2 1 | pid:[ns2] | pid:[ns2]
