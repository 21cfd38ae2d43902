# Root inside a new user namespace (mapped "0 0 1") cannot setns into a netns
# owned by the init user namespace, nor back into the init userns (EPERM); it
# can setns into a netns it created there itself.
# Reference: linux-behaviour.md §3 ("inside a new userns" rows).
init open /proc/self/ns/net as initnet => ok
init open /proc/self/ns/user as inituser => ok
init spawn t
t unshare user => ok
t write /proc/self/setgroups deny => ok
t write /proc/self/uid_map "0 0 1" => ok
t write /proc/self/gid_map "0 0 1" => ok
t setns initnet net => error EPERM
t setns inituser user => error EPERM
t unshare net => ok
t open /proc/self/ns/net as own1 => ok
t readlink /proc/self/fd/%own1 => net:[ns1]
t unshare net => ok
t readlink /proc/self/ns/net => net:[ns2]
t setns own1 net => ok
t readlink /proc/self/ns/net => net:[ns1]
t setns initnet net => error EPERM
