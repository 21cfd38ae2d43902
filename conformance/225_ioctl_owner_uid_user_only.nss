# NS_GET_OWNER_UID is for user namespaces only: EINVAL on every other type.
# Reference: linux-behaviour.md §2 (netns row); probed on the reference
# kernel for the other types.
init open /proc/self/ns/uts as uts => ok
init open /proc/self/ns/ipc as ipc => ok
init open /proc/self/ns/mnt as mnt => ok
init open /proc/self/ns/pid as pid => ok
init open /proc/self/ns/cgroup as cgroup => ok
init open /proc/self/ns/time as time => ok
init open /proc/self/ns/user as user => ok
init ioctl uts NS_GET_OWNER_UID => error EINVAL
init ioctl ipc NS_GET_OWNER_UID => error EINVAL
init ioctl mnt NS_GET_OWNER_UID => error EINVAL
init ioctl pid NS_GET_OWNER_UID => error EINVAL
init ioctl cgroup NS_GET_OWNER_UID => error EINVAL
init ioctl time NS_GET_OWNER_UID => error EINVAL
init ioctl user NS_GET_OWNER_UID => uid 0
