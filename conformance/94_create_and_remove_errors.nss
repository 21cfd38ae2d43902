# Errors of mkdir, touch and rm where the kernel's order of checks shows:
# a missing name under /proc fails in procfs's lookup (ENOENT) before any
# permission check; O_CREAT with a trailing slash is EISDIR whatever the
# name is; procfs has no unlink or rmdir (EPERM after the permission and
# type checks), and in a /proc/PID directory EPERM comes before both.
# Reference: probed on the reference kernel (netns diff; python unlink/rmdir).
init mkdir /proc/x => error ENOENT
init touch /proc/sys/net/core/x => error ENOENT
init touch /proc/self/ns/x => error ENOENT
init touch /run/f => ok
init touch /run/f/ => error EISDIR
init touch /run/netns/ => error EISDIR
init rm /proc/self/uid_map => error EPERM
init rm /proc/self/ns => error EPERM
init rm /proc/self/ns/ => error EISDIR
init rm /proc/self/ns/net => error EPERM
init rm /proc/net => error EPERM
init rm /proc/net/dev => error EPERM
init rm /proc/net/stat => error EISDIR
init rm /proc/sys => error EISDIR
init rm /proc/sys/net => error EACCES
init spawn u => ok
u setuid 1000 => ok
u rm /proc/self/uid_map => error EPERM
u rm /proc/net/dev => error EACCES
u mkdir /proc/x => error ENOENT
