# net.core.somaxconn is per netns: writing 1024 inside a fresh netns reads
# back 1024 there, while the scenario's root netns keeps 4096; a second
# fresh netns starts at 4096.
# Reference: linux-behaviour.md §8 ("Writing somaxconn=1024 inside a fresh netns").
init cat /proc/sys/net/core/somaxconn => 4096
init spawn t
t unshare net => ok
t cat /proc/sys/net/core/somaxconn => 4096
t write /proc/sys/net/core/somaxconn 1024 => ok
t cat /proc/sys/net/core/somaxconn => 1024
init cat /proc/sys/net/core/somaxconn => 4096
init spawn u
u unshare net => ok
u cat /proc/sys/net/core/somaxconn => 4096
