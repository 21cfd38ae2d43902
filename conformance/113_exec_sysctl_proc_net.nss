# Real programs read /proc/net and the net sysctls of the namespace they
# are in, and a bad sysctl write's EINVAL reaches the writer (procps
# sysctl exits 1 and names the key). A value written in one namespace is
# not seen from another.
init spawn t => ok
t unshare net => ok
t exec sysctl net.core.somaxconn => net.core.somaxconn = 4096
t exec sysctl -w net.core.somaxconn=abc => stderr: sysctl: setting key "net.core.somaxconn": Invalid argument | exit 1
t exec sysctl -w net.core.somaxconn=1000 => net.core.somaxconn = 1000
t exec sysctl -n net.core.somaxconn => 1000
t cat /proc/sys/net/core/somaxconn => 1000
init exec sysctl -n net.core.somaxconn => 4096
t exec sh -c "grep lo: /proc/net/dev | tr -s ' ' | cut -c2-" => lo: 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
t exec stat -c "%F %s %a" /proc/sys/net/core/somaxconn /proc/self/net/dev => regular empty file 0 644 | regular empty file 0 444
