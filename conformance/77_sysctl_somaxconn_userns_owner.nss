# A uid 1000 task that made its own user and network namespaces holds
# CAP_NET_ADMIN over that netns, so it may write its somaxconn; the value stays
# local to that netns.
# Reference: linux-behaviour.md §8 (netns entries and the owning userns), §4.
init spawn u
u setuid 1000 => ok
u unshare user,net => ok
u write /proc/sys/net/core/somaxconn 512 => ok
u cat /proc/sys/net/core/somaxconn => 512
init cat /proc/sys/net/core/somaxconn => 4096
init cat /proc/@u/net/dev => Inter-|   Receive                                                |  Transmit |  face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed |     lo:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0
