# Mounts on /proc/PID/uid_map, gid_map, setgroups and net stay and can be
# unmounted: pid_revalidate keeps those dentries, as it keeps fd and ns.
# Reference: probed on the reference kernel (netns diff).
init touch /run/f => ok
init write /run/f fake => ok
init mkdir /run/d => ok
init touch /run/d/only => ok
init mount --bind /run/f /proc/self/uid_map => ok
init cat /proc/self/uid_map => fake
init umount /proc/self/uid_map => ok
init mount --bind /run/f /proc/self/gid_map => ok
init cat /proc/@init/gid_map => fake
init umount /proc/self/gid_map => ok
init mount --bind /run/f /proc/self/setgroups => ok
init cat /proc/self/setgroups => fake
init umount /proc/self/setgroups => ok
init cat /proc/self/setgroups => allow
init mount --bind /run/d /proc/self/net => ok
init ls /proc/self/net => only
init ls /proc/net => only
init umount /proc/self/net => ok
init stat /proc/self/net/dev => file
init mount --bind /run/d /proc/self/task/@init/net => ok
init ls /proc/thread-self/net => only
init umount /proc/thread-self/net => ok
