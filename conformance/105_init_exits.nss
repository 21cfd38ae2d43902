# The scenario's init is a task like any other: it may exit, and the tasks
# it made go on (the pid namespace's own init is the harness's, which the
# transcript shows as a bare pid 1). A namespace pinned only by the exited
# init's fds dies with it.
# Reference: probed on the reference kernel (netns diff).
init spawn t => ok
init unshare net => ok
init open /proc/self/ns/net as mine => ok
init stat /proc/1 => dir
t spawn u => ok
t monitor nsid => ok
t open /proc/@init/ns/net as gone => ok
t nl newnsid fd=gone nsid=5 => ok
t close gone => ok
t events 1 => NEWNSID nsid 5
init exit => ok
t ls /proc/1/task => 1
t ls /proc/@u/task => u
t readlink /proc/1/ns/user => user:[ns1]
t settle => ok
t events 1 => DELNSID nsid 5
t nl dumpnsid =>
