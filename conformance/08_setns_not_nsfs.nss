# setns() on an fd that is not a namespace file is EINVAL: a regular file
# (with nstype 0 or CLONE_NEWNET) and a directory.
# Reference: linux-behaviour.md §3 ("setns(regular file fd, 0) / (regular, CLONE_NEWNET) / (directory fd, 0)").
init touch /run/plain => ok
init open /run/plain as f => ok
init open /run as d => ok
init setns f 0 => error EINVAL
init setns f net => error EINVAL
init setns d 0 => error EINVAL
init setns d net => error EINVAL
init readlink /proc/self/ns/net => net:[ns1]
