# A uid 1000 task in its own user namespace (uid_map "0 1000 1", written by the
# privileged parent) cannot setns into a netns owned by the init userns (EPERM),
# yet unshare(CLONE_NEWNET) in the same state succeeds.
# Reference: linux-behaviour.md §3 ("uid 1000 -> unshare(CLONE_NEWUSER)" row).
init spawn other
other unshare net => ok
init open /proc/@other/ns/net as newnet => ok
init spawn t
t setuid 1000 => ok
t unshare user => ok
init write /proc/@t/uid_map "0 1000 1" => ok
t setns newnet net => error EPERM
t unshare net => ok
init readlink /proc/@t/ns/net => net:[ns1]
init readlink /proc/@other/ns/net => net:[ns2]
