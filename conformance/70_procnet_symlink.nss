# /proc/net is a symlink to self/net, and /proc/self/net is a directory; the
# view follows the reader's netns, so after setns the same path shows the
# other namespace (same content here: lo only in both).
# Reference: linux-behaviour.md §8 (first bullet, "ls -ld /proc/net").
init readlink /proc/net => self/net
init stat /proc/net => dir
init stat /proc/self/net => dir
init spawn t
t unshare net => ok
t readlink /proc/net => self/net
t stat /proc/net/dev => file
