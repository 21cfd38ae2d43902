# setns(userns fd, CLONE_NEWUSER) into the user namespace the task is already
# in is EINVAL (root, init user namespace).
# Reference: linux-behaviour.md §3 ("setns(init user fd, CLONE_NEWUSER) while already in that userns").
init open /proc/self/ns/user as u => ok
init setns u user => error EINVAL
init setns u 0 => error EINVAL
init readlink /proc/self/ns/user => user:[ns1]
