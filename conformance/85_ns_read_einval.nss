# A namespace file can be opened read-only, but read() on it is EINVAL, so
# cat of /proc/self/ns/net fails with EINVAL.
# Reference: linux-behaviour.md §1 ("read(netns_fd) returned -1 EINVAL").
init open /proc/self/ns/net as n => ok
init cat /proc/self/ns/net => error EINVAL
init cat /proc/self/fd/%n => error EINVAL
init cat /proc/self/ns/user => error EINVAL
