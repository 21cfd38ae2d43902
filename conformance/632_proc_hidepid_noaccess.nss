# hidepid=noaccess (or 1): every pid is listed and may be stat'ed, but a
# task the reader may not ptrace refuses entry: listing its directory or
# walking through it is EPERM. The reader's own directory is open.
# Source: fs/proc/base.c proc_pid_permission (EPERM unless invisible),
# has_pid_permissions. Probed: netns diff.
init mkdir /run/i => ok
init spawn t => ok
t unshare pid => ok
t spawn a => ok
a spawn b => ok
b setuid 1000 => ok
a mount -t proc proc /run/i -o hidepid=1,gid=5,subset=pid => ok
b ls /run/i => 1 | 2 | self | thread-self
b stat /run/i/1 => dir
b ls /run/i/1 => error EPERM
b stat /run/i/1/ns => error EPERM
b readlink /run/i/1/ns/pid => error EPERM
b ls /run/i/2/task => 2
a ls /run/i/2/task => 2
