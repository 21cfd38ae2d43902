# hidepid=ptraceable (or 4): only the tasks the reader may ptrace exist,
# whatever its groups: gid= exempts no one (b's group is 0, as gid= by
# default). The lookup itself fails (ENOENT); root sees every pid.
# Source: fs/proc/base.c proc_pid_lookup (HIDEPID_NOT_PTRACEABLE),
# has_pid_permissions (the ptrace check first). Probed: netns diff.
init mkdir /run/j => ok
init spawn t => ok
t unshare pid => ok
t spawn a => ok
a spawn b => ok
a spawn c => ok
b setuid 1000 => ok
c setuid 1000 => ok
c prctl dumpable 1 => ok
a mount -t proc proc /run/j -o hidepid=ptraceable,subset=pid => ok
b ls /run/j => 2 | 3 | self | thread-self
b stat /run/j/1 => error ENOENT
b ls /run/j/1 => error ENOENT
init ls /run/j => 1 | 2 | 3 | self | thread-self
