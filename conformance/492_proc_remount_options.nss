# mount -o remount,KEY=VALUE on a proc changes the options the data names
# and keeps the others (proc_reconfigure): mountinfo's super options
# follow. A remount without data changes none; gid=0 and hidepid=off go
# back to the defaults (not shown); the flags go with the data.
# Source: fs/proc/root.c proc_reconfigure, proc_apply_options (the mask
# of the options given). Probed: netns diff.
init mkdir /run/c => ok
init mount -t proc p /run/c -o gid=5,hidepid=1 => ok
init mountinfo /run/c => m1 m2 / /run/c rw,relatime - proc p rw,gid=5,hidepid=noaccess
init mount -o remount,hidepid=2 /run/c => ok
init mountinfo /run/c => m1 m2 / /run/c rw,relatime - proc p rw,gid=5,hidepid=invisible
init mount -o remount /run/c => ok
init mountinfo /run/c => m1 m2 / /run/c rw,relatime - proc p rw,gid=5,hidepid=invisible
init mount -o remount,gid=0 /run/c => ok
init mountinfo /run/c => m1 m2 / /run/c rw,relatime - proc p rw,hidepid=invisible
init mount -o remount,gid=0x10,hidepid=off /run/c => ok
init mtab /run/c => p /run/c proc rw,relatime,gid=16 0 0
init mount -o remount,ro,nosuid,hidepid=ptraceable /run/c => ok
init mountinfo /run/c => m1 m2 / /run/c ro,nosuid,relatime - proc p ro,gid=16,hidepid=ptraceable
init mount -o remount,rw,hidepid=invisible /run/c => ok
init mountinfo /run/c => m1 m2 / /run/c rw,relatime - proc p rw,gid=16,hidepid=invisible
