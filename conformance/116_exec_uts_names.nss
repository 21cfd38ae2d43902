# Real programs use the uts namespace of the task they run in: hostname
# (uname, sethostname), /proc/sys/kernel/hostname and the uts namespace
# file are the task's, and `unshare -u` gives the program a copy whose
# changes stay in it.
init spawn t => ok
t unshare uts => ok
t hostname red => ok
t exec hostname => red
init exec hostname => (none)
t exec hostname blue =>
t hostname => blue
t exec cat /proc/sys/kernel/hostname => blue
t exec sh -c "echo green > /proc/sys/kernel/hostname" =>
t hostname => green
t exec readlink /proc/self/ns/uts => uts:[ns1]
t readlink /proc/self/ns/uts => uts:[ns1]
init readlink /proc/self/ns/uts => uts:[ns2]
t exec unshare -u sh -c "hostname x; hostname" => x
t hostname => green
t exec domainname => (none)
