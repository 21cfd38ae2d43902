# /proc/sys/net/core/somaxconn is 0:0 mode 644: a uid 1000 task without
# capabilities reads it, but opening it for writing is EACCES (the kernel's
# sysctl permission rule applied to that mode) and the value stays.
# Reference: linux-behaviour.md §8 (somaxconn 0:0, mode 644).
init spawn u
u setuid 1000 => ok
u cat /proc/sys/net/core/somaxconn => 4096
u write /proc/sys/net/core/somaxconn 100 => error EACCES
init cat /proc/sys/net/core/somaxconn => 4096
