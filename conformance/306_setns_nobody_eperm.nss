# A task that switched to uid 65534 (nobody) has no CAP_SYS_ADMIN: setns()
# into the namespaces it is already in is EPERM, with the matching type.
# Source: LTP setns01, the "without CAP_SYS_ADMIN" case (seteuid(nobody)).
init open /proc/self/ns/ipc as ipc => ok
init open /proc/self/ns/mnt as mnt => ok
init open /proc/self/ns/net as net => ok
init open /proc/self/ns/pid as pid => ok
init open /proc/self/ns/uts as uts => ok
init spawn n => ok
n setuid 65534 => ok
n setns ipc ipc => error EPERM
n setns mnt mnt => error EPERM
n setns net net => error EPERM
n setns pid pid => error EPERM
n setns uts uts => error EPERM
