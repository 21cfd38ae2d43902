# The same return to the parent's ipc namespace with nstype 0: the child
# sees the parent's ipc state (kernel.msgmax) again.
# Source: LTP setns02, test_newipc with ns_flag 0.
init write /proc/sys/kernel/msgmax 12345 => ok
init open /proc/self/ns/ipc as parent => ok
init spawn c => ok
c unshare ipc => ok
c cat /proc/sys/kernel/msgmax => 8192
c setns parent 0 => ok
c cat /proc/sys/kernel/msgmax => 12345
c readlink /proc/self/ns/ipc => ipc:[ns1]
init readlink /proc/self/ns/ipc => ipc:[ns1]
