# /proc/sys/kernel/hostname reads and writes the reader's own uts namespace;
# a write sets what uname shows (the trailing newline is not kept, the
# name is cut at 64 bytes); uid 1000 gets EACCES at open (mode 0644, root).
# Reference: probed on the reference kernel.
init cat /proc/sys/kernel/hostname => (none)
init spawn t => ok
t unshare uts => ok
t write /proc/sys/kernel/hostname viaproc => ok
t hostname => viaproc
t cat /proc/sys/kernel/hostname => viaproc
init cat /proc/sys/kernel/hostname => (none)
t write /proc/sys/kernel/hostname bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb => ok
t hostname => bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
t spawn u => ok
u setuid 1000 => ok
u write /proc/sys/kernel/hostname x => error EACCES
u cat /proc/sys/kernel/hostname => bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
