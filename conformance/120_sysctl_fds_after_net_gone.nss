# Sysctl files and directories held open after their network namespace is
# gone: the table went with the namespace, so stat through the fd is ENOENT
# and its link reads " (deleted)" (the dentries are unhashed); reads and
# listings are ENOENT too.
# Reference: probed with netns diff (issue "What external test suites check").
init spawn t => ok
t unshare net => ok
t open /proc/sys/net/core/somaxconn as s => ok
t open /proc/sys/net/core as d => ok
t stat /proc/self/fd/%s => file
t readlink /proc/self/fd/%s => /proc/sys/net/core/somaxconn
t unshare net => ok
init settle => ok
t stat /proc/self/fd/%s => error ENOENT
t readlink /proc/self/fd/%s => /proc/sys/net/core/somaxconn (deleted)
t stat /proc/self/fd/%d => error ENOENT
t readlink /proc/self/fd/%d => /proc/sys/net/core (deleted)
t cat /proc/self/fd/%s => error ENOENT
t ls /proc/self/fd/%d => error ENOENT
