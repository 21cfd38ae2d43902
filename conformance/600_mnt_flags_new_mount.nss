# mount -t with -o: the per-mount flags (ro, nosuid, nodev, noexec and the
# atime ones) show in mountinfo's options, the file system's (ro, sync,
# dirsync, lazytime) in its super options; a new mount is relatime unless
# noatime or strictatime says otherwise; /proc/self/mounts shows both in
# one list (ro when either is). /run itself is nosuid,nodev, mode 755.
# Source: fs/namespace.c path_mount; fs/proc_namespace.c show_mountinfo,
# show_vfsmnt. Probed: netns diff.
init mountinfo /run => m1 m2 / /run rw,nosuid,nodev,relatime - tmpfs tmpfs rw,mode=755
init mkdir /run/a => ok
init mkdir /run/b => ok
init mkdir /run/c => ok
init mount -t tmpfs t /run/a -o ro,nosuid,nodev,noexec,noatime => ok
init mount -t tmpfs u /run/b -o strictatime,nodiratime,sync,dirsync,lazytime => ok
init mount -t proc p /run/c -o rw,noexec => ok
init mountinfo /run/a => m3 m1 / /run/a ro,nosuid,nodev,noexec,noatime - tmpfs t ro
init mountinfo /run/b => m4 m1 / /run/b rw,nodiratime - tmpfs u rw,sync,dirsync,lazytime
init mountinfo /run/c => m5 m1 / /run/c rw,noexec,relatime - proc p rw
init mtab /run/a => t /run/a tmpfs ro,nosuid,nodev,noexec,noatime 0 0
init mtab /run/b => u /run/b tmpfs rw,sync,dirsync,lazytime,nodiratime 0 0
