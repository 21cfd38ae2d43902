# A child in a new ipc namespace does not see its parent's ipc state; after
# setns(CLONE_NEWIPC) to the parent's ipc namespace it does. (LTP uses a shm
# segment; here the state is kernel.msgmax, which is per ipc namespace.)
# Source: LTP setns02, test_newipc with ns_flag CLONE_NEWIPC.
init write /proc/sys/kernel/msgmax 12345 => ok
init open /proc/self/ns/ipc as parent => ok
init spawn c => ok
c unshare ipc => ok
c cat /proc/sys/kernel/msgmax => 8192
c setns parent ipc => ok
c cat /proc/sys/kernel/msgmax => 12345
