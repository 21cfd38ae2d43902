# ip is a program: execve recomputes the capabilities, so ip run by a task
# whose uid is not root in its user namespace has none, whatever the task
# had. In a fresh user namespace with no uid map the creator's capabilities
# stay with the task but not with ip: ip cannot open another task's
# /proc/PID/ns/net (ptrace needs the capability) nor set an nsid (needs
# CAP_NET_ADMIN); the same requests made by the task itself succeed.
# With "0 0 1" mapped, root in the namespace keeps them through exec.
# Reference: cap_bprm_creds_from_file; probed on the reference kernel.
init spawn t => ok
t unshare user,net => ok
init touch /run/netns/x => ok
init mount --bind /proc/@t/ns/net /run/netns/x => ok
t ip netns identify t => stderr: Cannot open network namespace: Permission denied | exit 1
t ip netns set x 3 => stderr: RTNETLINK answers: Operation not permitted | exit 2
t open /proc/@t/ns/net as own => ok
t nl getnsid fd=own => nsid -1
init spawn u => ok
u unshare user,net => ok
u write /proc/self/setgroups deny => ok
u write /proc/self/uid_map "0 0 1" => ok
u write /proc/self/gid_map "0 0 1" => ok
init touch /run/netns/y => ok
init mount --bind /proc/@u/ns/net /run/netns/y => ok
u ip netns identify u => y
u ip netns set y 3 =>
u ip netns list-id => nsid 3 (iproute2 netns name: y)
