# After unshare(CLONE_NEWPID) the unsharer keeps its pid; its first child is
# pid 1 of the new namespace and the next one pid 2. The children's pids in
# the scenario's root pid namespace are still their task names.
# Reference: probed on the reference kernel.
init spawn t => ok
t getpid => pid t
t unshare pid => ok
t getpid => pid t
t spawn a => ok
t spawn b => ok
a getpid => pid 1
b getpid => pid 2
a spawn c => ok
c getpid => pid 3
init ls /proc/@a/task => a
