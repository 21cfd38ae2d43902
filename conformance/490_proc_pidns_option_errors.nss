# pidns= must name a pid namespace's file: another namespace's file, a
# directory or a plain file is EINVAL, a missing path ENOENT, an empty
# value EINVAL; the words are taken in order, so a bad word before pidns=
# is the error, and pidns='s own error before a bad word after it.
# Nothing is mounted.
# Source: fs/proc/root.c proc_parse_pidns_param (filp_open's errno,
# proc_ns_file, ns type), fs/fs_parser.c. Probed: netns diff.
init mkdir /run/p => ok
init mkdir /run/d => ok
init open /run/f as f creat,wronly => ok
init mount -t proc proc /run/p -o pidns=/proc/self/ns/net => error EINVAL
init mount -t proc proc /run/p -o pidns=/proc/self/ns/user => error EINVAL
init mount -t proc proc /run/p -o pidns=/run/d => error EINVAL
init mount -t proc proc /run/p -o pidns=/run/f => error EINVAL
init mount -t proc proc /run/p -o pidns=/run/none => error ENOENT
init mount -t proc proc /run/p -o pidns= => error EINVAL
init mount -t proc proc /run/p -o hidepid=3,pidns=/run/none => error EINVAL
init mount -t proc proc /run/p -o pidns=/run/none,hidepid=3 => error ENOENT
init mounts /run/p =>
