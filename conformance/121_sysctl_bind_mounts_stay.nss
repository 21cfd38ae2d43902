# A bind mount onto a sysctl stays there: sysctl dentries are kept per
# table, so the mount is seen from the namespace whose table it covers (a
# net, a user namespace, an ipc namespace) and not from another, and umount
# takes it off. Directories too (/proc/sys/net/core).
# Reference: probed with netns diff (issue "What external test suites check").
init touch /run/f => ok
init write /run/f 7 => ok
init mount --bind /run/f /proc/sys/net/core/somaxconn => ok
init cat /proc/sys/net/core/somaxconn => 7
init spawn t => ok
t unshare net => ok
t cat /proc/sys/net/core/somaxconn => 4096
init umount /proc/sys/net/core/somaxconn => ok
init cat /proc/sys/net/core/somaxconn => 4096
init mkdir /run/d => ok
init touch /run/d/x => ok
init mount --bind /run/d /proc/sys/net/core => ok
init ls /proc/sys/net/core => x
t cat /proc/sys/net/core/somaxconn => 4096
init umount /proc/sys/net/core => ok
init cat /proc/sys/net/core/somaxconn => 4096
init mount --bind /run/f /proc/sys/user/max_net_namespaces => ok
init cat /proc/sys/user/max_net_namespaces => 7
t unshare user => ok
t cat /proc/sys/user/max_net_namespaces => 2147483647
init umount /proc/sys/user/max_net_namespaces => ok
init spawn u => ok
u unshare ipc => ok
u mount --bind /run/f /proc/sys/kernel/msgmax => ok
u cat /proc/sys/kernel/msgmax => 7
init cat /proc/sys/kernel/msgmax => 8192
u umount /proc/sys/kernel/msgmax => ok
u cat /proc/sys/kernel/msgmax => 8192
