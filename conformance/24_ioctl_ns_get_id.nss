# NS_GET_ID: one id per namespace (two fds of one netns agree), a different id
# for each new namespace, and a freed namespace's id is never given again.
# Reference: linux-behaviour.md §2 (NS_GET_ID rows), §1 (never reused).
init open /proc/self/ns/net as a => ok
init open /proc/self/ns/net as b => ok
init ioctl a NS_GET_ID => id1
init ioctl b NS_GET_ID => id1
init open /proc/self/ns/user as u => ok
init ioctl u NS_GET_ID => id2
init spawn t
t unshare net => ok
init open /proc/@t/ns/net as n1 => ok
init ioctl n1 NS_GET_ID => id3
t exit => ok
init close n1 => ok
init settle => ok
init spawn t2
t2 unshare net => ok
init open /proc/@t2/ns/net as n2 => ok
init ioctl n2 NS_GET_ID => id4
init spawn t3
t3 setuid 1000 => ok
t3 ioctl n2 NS_GET_ID => id4
