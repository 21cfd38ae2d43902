# A real program that reads a namespace file gets EINVAL, whether it opened
# /proc/self/ns/NAME or a name bound under /run/netns: nsfs files have no
# content.
# Source: util-linux and coreutils meet it (cat, head of an ns file); the
# kernel's nsfs file operations have no read. Probed: netns diff.
init ip netns add red =>
init exec cat /run/netns/red => stderr: cat: /run/netns/red: Invalid argument | exit 1
init exec cat /proc/self/ns/net => stderr: cat: /proc/self/ns/net: Invalid argument | exit 1
init exec sh -c "head -c 1 /proc/self/ns/user; echo rc=$?" => rc=1 | stderr: head: error reading '/proc/self/ns/user': Invalid argument
