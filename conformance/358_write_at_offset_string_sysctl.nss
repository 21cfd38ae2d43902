# A string sysctl written at position N keeps its first N bytes and puts the
# written text after them; past the end of the current text a write changes
# nothing, yet reports every byte written.
# Source: kernel selftests sysctl/sysctl.sh (string tests: writing the middle
# after a synchronized seek, writing beyond the end). Probed on
# /proc/sys/kernel/hostname after lseek.
init spawn t
t unshare uts => ok
t hostname abcdef => ok
t write /proc/sys/kernel/hostname XY at 2 => ok
t hostname => abXY
t write /proc/sys/kernel/hostname ZZ at 20 => ok
t hostname => abXY
t write /proc/sys/kernel/hostname Q at 4 => ok
t cat /proc/sys/kernel/hostname => abXYQ
