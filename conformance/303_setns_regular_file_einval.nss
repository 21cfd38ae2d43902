# setns() on an fd of a regular file (here one already unlinked) is EINVAL
# for every namespace type: only nsfs files and pidfds name namespaces.
# Source: LTP setns01, the "regular file fd" case (ipc, mnt, net, pid, uts).
init touch /run/dummy => ok
init open /run/dummy as f => ok
init rm /run/dummy => ok
init setns f ipc => error EINVAL
init setns f mnt => error EINVAL
init setns f net => error EINVAL
init setns f pid => error EINVAL
init setns f uts => error EINVAL
