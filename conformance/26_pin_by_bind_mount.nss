# A bind mount alone keeps a network namespace alive. The naming sequence of
# `ip netns add`, done by hand: create /run/netns/NAME, unshare(CLONE_NEWNET),
# bind-mount /proc/self/ns/net onto the file, setns back. No task stays inside.
# Reference: linux-behaviour.md §7 (strace of ip netns add), §9 ("Bind mount only"), §1 (nsfs mount).
init open /proc/self/ns/net as home => ok
init touch /run/netns/blue => ok
init stat /run/netns/blue => file
init unshare net => ok
init write /proc/sys/net/core/somaxconn 1111 => ok
init mount --bind /proc/self/ns/net /run/netns/blue => ok
init setns home net => ok
init readlink /proc/self/ns/net => net:[ns1]
init settle => ok
init stat /run/netns/blue => ino ns2
init ip netns list => blue
init ip netns pids blue =>
init spawn v
v open /run/netns/blue as b => ok
v setns b net => ok
v readlink /proc/self/ns/net => net:[ns2]
v cat /proc/sys/net/core/somaxconn => 1111
