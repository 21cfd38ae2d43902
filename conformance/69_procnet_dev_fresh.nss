# /proc/net/dev in a fresh netns holds the two header lines and only lo,
# with zero counters, byte for byte as the reference kernel prints it
# (expectations give each line as is, its leading blanks included).
# Reference: linux-behaviour.md §8 ("Exact /proc/net/dev in a fresh netns").
init spawn t
t unshare net => ok
t cat /proc/net/dev => Inter-|   Receive                                                |  Transmit |  face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed |     lo:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0
t cat /proc/self/net/dev => Inter-|   Receive                                                |  Transmit |  face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed |     lo:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0
