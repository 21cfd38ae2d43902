# `ip netns add` by a task without capabilities fails at its first step,
# making /run/netns shared: "mount --make-shared /run/netns failed:
# Operation not permitted", exit 1, and leaves no file behind.
# Reference: linux-behaviour.md §4 (last row), §7 (strace of ip netns add: mount before openat).
init spawn u
u setuid 1000 => ok
u ip netns add x => stderr: mount --make-shared /run/netns failed: Operation not permitted | exit 1
u ls /run/netns =>
init ip netns list =>
