# The other side of the same rule: uid 1000 as root of its own user
# namespace owns its new uts namespace and may sethostname it, but writing
# /proc/sys/kernel/hostname there is EACCES (its kuid is 1000, not 0).
# Reference: probed on the reference kernel.
init spawn t => ok
t setuid 1000 => ok
t unshare user,uts => ok
init write /proc/@t/uid_map "0 1000 1" => ok
t hostname mine => ok
t hostname => mine
t write /proc/sys/kernel/hostname other => error EACCES
t cat /proc/sys/kernel/hostname => mine
init hostname => (none)
