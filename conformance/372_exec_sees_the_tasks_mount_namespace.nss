# A real program sees the mount namespace of the task that runs it, and
# unshare -m gives it a new one; nsenter --mount enters another task's.
# Source: util-linux unshare(1) and nsenter(1) (-m, --mount). Probed:
# netns diff.
init readlink /proc/self/ns/mnt => mnt:[ns1]
init exec readlink /proc/self/ns/mnt => mnt:[ns1]
init spawn t => ok
t unshare mnt => ok
t readlink /proc/self/ns/mnt => mnt:[ns2]
t exec readlink /proc/self/ns/mnt => mnt:[ns2]
init exec nsenter --mount=/proc/@t/ns/mnt readlink /proc/self/ns/mnt => mnt:[ns2]
init exec unshare -m readlink /proc/self/ns/mnt => mnt:[ns3]
