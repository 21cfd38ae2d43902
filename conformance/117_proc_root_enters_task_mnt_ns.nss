# /proc/PID/root is a magic link to the task's root: a walk through it goes
# on in that task's mount namespace, so a mount made there after unshare mnt
# is seen through it and not at the same path outside; an fd opened through
# it keeps the mount after the task exits.
# Reference: probed with netns diff (proc_root_link, nd_jump_link).
init readlink /proc/self/root => /
init ls /proc/self/root/run => netns
init spawn t => ok
t unshare mnt => ok
t mkdir /run/only_t => ok
t mount -t tmpfs x /run/only_t => ok
t touch /run/only_t/f => ok
init ls /proc/@t/root/run/only_t => f
init ls /run/only_t =>
init stat /proc/@t/root/run/only_t/f => file
t readlink /proc/@init/root => /
init open /proc/@t/root/run/only_t as d => ok
init readlink /proc/self/fd/%d => /run/only_t
t exit => ok
init ls /proc/self/fd/%d => f
