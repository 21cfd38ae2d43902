# A fresh ipc namespace has the kernel defaults, whatever its creator had:
# the scenario's root ipc namespace is fresh; a change there does not pass to
# a namespace made from it. sem is four numbers separated by tabs.
# Reference: probed on the reference kernel.
init cat /proc/sys/kernel/shmmax => 18446744073692774399
init cat /proc/sys/kernel/shmall => 18446744073692774399
init cat /proc/sys/kernel/shmmni => 4096
init cat /proc/sys/kernel/msgmax => 8192
init cat /proc/sys/kernel/msgmnb => 16384
init cat /proc/sys/kernel/msgmni => 32000
init cat /proc/sys/kernel/sem => 32000	1024000000	500	32000
init write /proc/sys/kernel/msgmax 1234 => ok
init write /proc/sys/kernel/sem "250 32000 32 128" => ok
init cat /proc/sys/kernel/sem => 250	32000	32	128
init spawn t => ok
t unshare ipc => ok
t cat /proc/sys/kernel/msgmax => 8192
t cat /proc/sys/kernel/sem => 32000	1024000000	500	32000
init cat /proc/sys/kernel/msgmax => 1234
