# pidns='s path is opened as the mounter opens a file: a relative one
# from its working directory (here a task's ns directory: pid is that
# task's pid namespace, net is not one, a missing name is ENOENT).
# Source: fs/proc/root.c proc_parse_pidns_param (filp_open). Probed:
# netns diff.
init mkdir /run/p => ok
init spawn t => ok
t unshare pid => ok
t spawn a => ok
init cd /proc/@a/ns => ok
init mount -t proc proc /run/p -o pidns=pid,subset=pid => ok
init ls /run/p => 1 | self | thread-self
init mount -t proc proc /run/p -o pidns=none => error ENOENT
init mount -t proc proc /run/p -o pidns=./net => error EINVAL
