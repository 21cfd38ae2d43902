# The /proc directories of a task that has exited, reached through fds
# opened before: lookups and listings in /proc/PID fail with ESRCH, while
# its ns directory looks up nothing (ENOENT) and lists nothing.
# Reference: probed on the reference kernel (netns diff; python fork/exit).
init spawn q => ok
init open /proc/@q as qdir => ok
init open /proc/@q/ns as qns => ok
q exit => ok
init ls /proc/self/fd/%qdir => error ESRCH
init stat /proc/self/fd/%qdir/ns => error ESRCH
init cat /proc/self/fd/%qdir/uid_map => error ESRCH
init ls /proc/self/fd/%qns =>
init stat /proc/self/fd/%qns/net => error ENOENT
