# nsenter -t PID -p into the pid namespace of a process that unshare -pf
# made: nsenter's child is the namespace's next pid (2, after its init),
# and its /proc/self/ns/pid is the target's. Under netns exec the setns is
# the model's and the kernel's (the model's namespace mirrors a real one),
# so the child's number is the model's. (kernel/pid_namespace.c
# pidns_install; util-linux nsenter; probed.)
init exec sh -c "unshare -pf --mount-proc sleep 3 & sleep 0.5; read s < /proc/$!/task/$!/children; nsenter -t $s -p sh -c 'echo $$; readlink /proc/self/ns/pid'; readlink /proc/$s/ns/pid; kill $!" => 2 | pid:[ns1] | pid:[ns1]
