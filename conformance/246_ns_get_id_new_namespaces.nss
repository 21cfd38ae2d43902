# Each new namespace of any type gets its own NS_GET_ID, different from its
# predecessor's and from every other namespace's; two fds of one namespace
# agree. (The values come from one counter handed out in per-CPU batches
# of 4096, so consecutive creations need not give consecutive ids.)
# Reference: linux-behaviour.md §2 (NS_GET_ID); probed on the reference
# kernel.
init open /proc/self/ns/uts as uts0 => ok
init open /proc/self/ns/ipc as ipc0 => ok
init ioctl uts0 NS_GET_ID => id1
init ioctl ipc0 NS_GET_ID => id2
init spawn t => ok
t unshare uts => ok
t open /proc/self/ns/uts as uts1 => ok
t ioctl uts1 NS_GET_ID => id3
t unshare ipc => ok
t open /proc/self/ns/ipc as ipc1 => ok
t ioctl ipc1 NS_GET_ID => id4
t unshare pid => ok
t spawn u => ok
u open /proc/self/ns/pid as pid1 => ok
u ioctl pid1 NS_GET_ID => id5
t open /proc/self/ns/pid_for_children as pid2 => ok
t ioctl pid2 NS_GET_ID => id5
t ioctl uts0 NS_GET_ID => id1
