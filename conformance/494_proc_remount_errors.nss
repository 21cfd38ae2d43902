# A proc remount with a bad word is EINVAL and changes nothing (not the
# words before it either). pidns= on a remount is EBUSY whatever it
# names, a good file or none, once the words before it are good. With
# bind the data is not looked at.
# Source: fs/proc/root.c proc_parse_param (FS_CONTEXT_FOR_RECONFIGURE:
# EBUSY before the value is opened); fs/namespace.c do_reconfigure_mnt.
# Probed: netns diff.
init mkdir /run/c => ok
init spawn t => ok
t unshare pid => ok
t spawn a => ok
init mount -t proc p /run/c -o gid=5,hidepid=1 => ok
init mount -o remount,gid=7,hidepid=9 /run/c => error EINVAL
init mount -o remount,gid=7,size=1m /run/c => error EINVAL
init mount -o remount,pidns=/proc/self/ns/pid /run/c => error EBUSY
init mount -o remount,pidns=/proc/@a/ns/pid /run/c => error EBUSY
init mount -o remount,pidns=/run/none /run/c => error EBUSY
init mount -o remount,pidns=/proc/self/ns/net /run/c => error EBUSY
init mount -o remount,hidepid=3,pidns=/run/none /run/c => error EINVAL
init mount -o remount,hidepid=2,pidns=/run/none /run/c => error EBUSY
init mount -o remount,bind,pidns=/run/none /run/c => ok
init mountinfo /run/c => m1 m2 / /run/c rw,relatime - proc p rw,gid=5,hidepid=noaccess
