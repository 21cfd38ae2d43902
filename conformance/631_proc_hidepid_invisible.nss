# hidepid=invisible (or 2): a task the reader may not ptrace has no
# directory for it: left out of the listing, ENOENT to stat, list or walk
# through. Its own directory and that of a dumpable task of its uid stay.
# A member of the gid= group sees every pid: the default gid= is 0, and
# setuid leaves b in group 0, so the first mount names gid=5 to hide.
# Source: fs/proc/base.c has_pid_permissions, proc_pid_permission,
# pid_getattr, proc_pid_readdir. Probed: netns diff.
init mkdir /run/h => ok
init mkdir /run/k => ok
init spawn t => ok
t unshare pid => ok
t spawn a => ok
a spawn b => ok
a spawn c => ok
b setuid 1000 => ok
c setuid 1000 => ok
c prctl dumpable 1 => ok
a mount -t proc proc /run/h -o hidepid=invisible,gid=5,subset=pid => ok
b ls /run/h => 2 | 3 | self | thread-self
b stat /run/h/1 => error ENOENT
b ls /run/h/1 => error ENOENT
b readlink /run/h/1/ns/pid => error ENOENT
b stat /run/h/3 => dir
b ls /run/h/self/task => 2
a ls /run/h => 1 | 2 | 3 | self | thread-self
# The default gid=0 exempts b, whose group is still 0.
a mount -t proc proc /run/k -o hidepid=2,subset=pid => ok
b ls /run/k => 1 | 2 | 3 | self | thread-self
b stat /run/k/1/ns => dir
