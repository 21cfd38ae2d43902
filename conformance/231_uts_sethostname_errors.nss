# sethostname: without CAP_SYS_ADMIN over the uts namespace's owner EPERM;
# 64 bytes is the most (__NEW_UTS_LEN), 65 is EINVAL; the empty name is
# allowed and then uname's nodename is empty.
# Reference: probed on the reference kernel.
init spawn u => ok
u setuid 1000 => ok
u hostname x => error EPERM
init hostname aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa => error EINVAL
init hostname => (none)
init hostname aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa => ok
init hostname => aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
init hostname "" => ok
init hostname =>
init cat /proc/sys/kernel/hostname =>
