# An fd directory lists fd numbers, not pids: only /proc and
# /proc/PID/task list pids, which transcripts show as task names.
# Reference: probed on the reference kernel (netns diff).
init touch /run/f => ok
init open /run/f as a => ok
init open /run/f as b => ok
init open /run/f as c => ok
init ls /proc/self/fd => 0 | 1 | 2
init spawn t => ok
init ls /proc/@t/task => t
init ls /proc/self/task => init
