# setns into a uts namespace changes the names uname gives at once; the
# root of a child user namespace may not join a uts namespace owned by the
# initial user namespace (EPERM), though it may join the one it made.
# Reference: probed on the reference kernel.
init open /proc/self/ns/uts as rootuts => ok
init spawn t => ok
t unshare uts => ok
t hostname other => ok
init open /proc/@t/ns/uts as tuts => ok
init spawn s => ok
s setns tuts uts => ok
s hostname => other
s setns rootuts 0 => ok
s hostname => (none)
init spawn c => ok
c unshare user => ok
c write /proc/self/setgroups deny => ok
c write /proc/self/uid_map "0 0 1" => ok
c write /proc/self/gid_map "0 0 1" => ok
c setns tuts uts => error EPERM
c unshare uts => ok
c open /proc/self/ns/uts as mine => ok
c setns rootuts uts => error EPERM
c setns mine uts => ok
