# A remount's hidepid= and gid= take effect at once for every reader of
# that proc: b, uid 1000 but still in group 0, sees a's pid through the
# default gid=0; remounted with gid=5 it does not; with hidepid=noaccess
# it is listed again but not to be entered; hidepid=off opens it.
# Source: fs/proc/root.c proc_reconfigure; fs/proc/base.c
# has_pid_permissions (reads the superblock's options at each call).
# Probed: netns diff.
init mkdir /run/h => ok
init spawn t => ok
t unshare pid => ok
t spawn a => ok
a spawn b => ok
b setuid 1000 => ok
a mount -t proc proc /run/h -o hidepid=2,subset=pid => ok
b ls /run/h => 1 | 2 | self | thread-self
init mount -o remount,gid=5 /run/h => ok
b ls /run/h => 2 | self | thread-self
b stat /run/h/1 => error ENOENT
a mount -o remount,hidepid=noaccess /run/h => ok
b ls /run/h => 1 | 2 | self | thread-self
b ls /run/h/1 => error EPERM
a mount -o remount,hidepid=off /run/h => ok
b stat /run/h/1/ns => dir
