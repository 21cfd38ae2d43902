# nsenter --net=/proc/PID/ns/net (util-linux) opens a task's namespace
# file and calls setns: the program lands in the task's net, which is not
# the one it started in. "@t" in a program's words is t's pid.
init spawn t => ok
t unshare net => ok
init exec readlink /proc/self/ns/net => net:[ns1]
init exec nsenter --net=/proc/@t/ns/net readlink /proc/self/ns/net => net:[ns2]
t readlink /proc/self/ns/net => net:[ns2]
