# A task's working directory moves with its mount namespace: after unshare
# mnt it is the copy of the directory it was in (here the root), so a
# mount made in the new namespace is seen through /proc/PID/cwd.
# Reference: probed with netns diff (copy_mnt_ns moves fs->pwd).
init readlink /proc/self/cwd => /
init spawn t => ok
t unshare mnt => ok
t mkdir /run/d => ok
t mount -t tmpfs x /run/d => ok
t touch /run/d/in_t => ok
init ls /proc/@t/cwd/run/d => in_t
init ls /run/d =>
