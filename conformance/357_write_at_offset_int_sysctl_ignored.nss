# A write at a non-zero position of an integer sysctl is taken whole and
# changes nothing (sysctl_writes_strict, the default); at position 0 it sets
# the value.
# Source: kernel selftests sysctl/sysctl.sh (the writes_strict cases: a write
# after a seek). Probed: a write after lseek(1) and lseek(100) on somaxconn.
init write /proc/sys/net/core/somaxconn 5 at 1 => ok
init cat /proc/sys/net/core/somaxconn => 4096
init write /proc/sys/net/core/somaxconn 5 at 100 => ok
init cat /proc/sys/net/core/somaxconn => 4096
init write /proc/sys/net/core/somaxconn 5 at 0 => ok
init cat /proc/sys/net/core/somaxconn => 5
