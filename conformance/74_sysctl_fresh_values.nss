# Sysctl values in a fresh netns: somaxconn is 4096 as in the init
# netns, and the init-only net.core.netdev_max_backlog does not exist.
# Reference: linux-behaviour.md §8 ("Sysctls, init value vs fresh netns value").
init spawn t
t unshare net => ok
t cat /proc/sys/net/core/somaxconn => 4096
t cat /proc/sys/net/core/netdev_max_backlog => error ENOENT
