# mount -t proc -o pidns=PATH (6.15): the proc answers for the pid
# namespace whose file PATH is, not the mounter's. init, outside a's
# namespace, mounts one of it: its pids are listed, numbered there; init's
# self is ENOENT there, b is 2. pid_for_children and an fd's link
# (/proc/self/fd/N) name a pid namespace as well; the last pidns= wins.
# mountinfo does not show pidns=.
# Source: fs/proc/root.c proc_parse_pidns_param (filp_open, proc_ns_file),
# proc_apply_options, proc_show_options. Probed: netns diff.
init mkdir /run/p => ok
init mkdir /run/q => ok
init mkdir /run/r => ok
init spawn t => ok
t unshare pid => ok
t spawn a => ok
a spawn b => ok
init mount -t proc proc /run/p -o subset=pid,pidns=/proc/@a/ns/pid => ok
init ls /run/p => 1 | 2 | self | thread-self
init readlink /run/p/self => error ENOENT
b ls /run/p/self/task => 2
a readlink /run/p/thread-self => 1/task/1
init mountinfo /run/p => m1 m2 / /run/p rw,relatime - proc proc rw,subset=pid
t mount -t proc proc /run/q -o pidns=/proc/self/ns/pid,subset=pid,pidns=/proc/self/ns/pid_for_children => ok
init ls /run/q => 1 | 2 | self | thread-self
init open /proc/@b/ns/pid as bns => ok
init mount -t proc proc /run/r -o pidns=/proc/self/fd/%bns => ok
b ls /run/r/self/task => 2
init readlink /run/r/self => error ENOENT
