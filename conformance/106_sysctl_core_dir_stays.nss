# /proc/sys/net/core exists only in each net's own sysctl set: an fd on it
# keeps reading and writing the net it was opened in, after setns, and
# finds nothing once that net is gone (ENOENT, also for ls). An fd on
# /proc/sys/net, from the default set, follows the reader.
# The fd `keep` holds the net until the settle: an open sysctl directory
# or file does not keep a namespace alive.
# Reference: probed on the reference kernel (netns diff).
init open /proc/self/ns/net as home => ok
init spawn t => ok
t unshare net => ok
t write /proc/sys/net/core/somaxconn 111 => ok
t open /proc/sys/net/core as cd => ok
t open /proc/sys/net as nd => ok
t open /proc/self/ns/net as keep => ok
t setns home net => ok
t cat /proc/self/fd/%cd/somaxconn => 111
t cat /proc/self/fd/%nd/core/somaxconn => 4096
t write /proc/self/fd/%cd/somaxconn 222 => ok
t cat /proc/sys/net/core/somaxconn => 4096
t close keep => ok
init settle => ok
t cat /proc/self/fd/%cd/somaxconn => error ENOENT
t ls /proc/self/fd/%cd => error ENOENT
t cat /proc/self/fd/%nd/core/somaxconn => 4096
