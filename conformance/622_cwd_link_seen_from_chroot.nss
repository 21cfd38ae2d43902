# /proc/PID/cwd reads as d_path names it for the reader: from the
# reader's root when that is above the directory, else its whole path
# from the mount namespace's root (without getcwd's "(unreachable)").
# Source: fs/proc/base.c proc_cwd_link, proc_pid_readlink (d_path); probed.
init mkdir /run/x => ok
init mkdir /run/x/a => ok
init mkdir /run/x/proc => ok
init mount -t proc proc /run/x/proc => ok
init spawn t => ok
t cd /run => ok
t chroot /run/x => ok
t readlink /proc/self/cwd => /run
t readlink /proc/self/root => /
t cd /a => ok
t readlink /proc/self/cwd => /a
init readlink /proc/@t/cwd => /run/x/a
