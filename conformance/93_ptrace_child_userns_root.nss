# Root in a child user namespace cannot reach the /proc/PID/ns files of a
# task outside it. Reading them needs ptrace read access, and the capability
# hook (cap_ptrace_access_check) asks for the same user namespace or
# CAP_SYS_PTRACE over the target's; the same uid is not enough. The parent
# side, with CAP_SYS_PTRACE over the child's namespace, reads them.
# Reference: seed 002 (/proc/<pid>/ns needs ptrace access); probed on the
# reference kernel (netns diff).
init spawn w => ok
w unshare user => ok
w readlink /proc/@init/ns/net => error EACCES
w open /proc/@init/ns/net as x => error EACCES
w stat /proc/@init/ns/user => error EACCES
w readlink /proc/self/ns/net => net:[ns1]
init readlink /proc/@w/ns/user => user:[ns2]
init open /proc/@w/ns/user as wu => ok
init ioctl wu NS_GET_NSTYPE => 0x10000000
