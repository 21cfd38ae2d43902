# /proc/PID/root and cwd are behind the ptrace read check: root of a child
# user namespace may not follow or read its parent's (EACCES), but its own
# are readable.
# Reference: probed with netns diff (proc_fd_access_allowed).
init spawn u => ok
u unshare user => ok
u readlink /proc/@init/root => error EACCES
u ls /proc/@init/root/run => error EACCES
u readlink /proc/@init/cwd => error EACCES
u readlink /proc/self/root => /
u ls /proc/self/cwd/run => netns
