# /proc/PID/net/dev shows the netns of task PID, not the reader's: init
# reads t's fresh netns through it (lo only), also through
# /proc/PID/task/PID/net; /proc/PID/net is a directory.
# Reference: linux-behaviour.md §8 ("cat /proc/<pid>/net/dev for a pid in another netns").
init spawn t
t unshare net => ok
init stat /proc/@t/net => dir
init cat /proc/@t/net/dev => Inter-|   Receive                                                |  Transmit |  face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed |     lo:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0
init cat /proc/@t/task/@t/net/dev => Inter-|   Receive                                                |  Transmit |  face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed |     lo:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0
