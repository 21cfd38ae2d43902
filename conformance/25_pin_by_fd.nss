# An open fd alone keeps a network namespace alive: after its only task has
# exited, setns through the fd enters the same netns with its sysctl value.
# Reference: linux-behaviour.md §9 ("Open fd only").
init spawn t
t unshare net => ok
t write /proc/sys/net/core/somaxconn 2222 => ok
init open /proc/@t/ns/net as pin => ok
init readlink /proc/self/fd/%pin => net:[ns1]
t exit => ok
init settle => ok
init spawn v
v setns pin net => ok
v readlink /proc/self/ns/net => net:[ns1]
v cat /proc/sys/net/core/somaxconn => 2222
init cat /proc/sys/net/core/somaxconn => 4096
