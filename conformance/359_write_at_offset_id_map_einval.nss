# uid_map, gid_map and setgroups take one write at position 0: after a seek
# the write is EINVAL and the map stays unwritten, so a write at 0 still
# works (and a second one is EPERM: the map is written).
# Source: the kernel's proc_id_map write rule (a write must start the file);
# the shape of LTP's user namespace setup (setgroups, then the maps).
# Probed: lseek(1) then write on each file in a new user namespace.
init spawn t
t unshare user => ok
t write /proc/self/setgroups deny at 1 => error EINVAL
t write /proc/self/uid_map "0 0 1" at 1 => error EINVAL
t write /proc/self/gid_map "0 0 1" at 100 => error EINVAL
t cat /proc/self/uid_map =>
t write /proc/self/setgroups deny at 0 => ok
t write /proc/self/uid_map "0 0 1" at 0 => ok
t write /proc/self/uid_map "0 0 1" => error EPERM
