# pidns= asks what joining that pid namespace asks (pidns_install): a
# task may name its own active pid namespace or one below it, not its
# parent's (EINVAL), and needs CAP_SYS_ADMIN over the namespace's owner:
# a task of a user namespace of its own names the initial pid namespace
# (through an fd opened before) and gets EPERM, though it may mount a
# proc of its own pid namespace.
# Source: fs/proc/root.c proc_parse_pidns_param (ns_capable,
# pidns_is_ancestor). Probed: netns diff.
init mkdir /run/p => ok
init spawn t => ok
t unshare pid => ok
t spawn a => ok
a mount -t proc proc /run/p -o pidns=/proc/@t/ns/pid => error EINVAL
a mount -t proc proc /run/p -o pidns=/proc/self/ns/pid => ok
a umount /run/p => ok
init spawn u => ok
u open /proc/self/ns/pid as ipn => ok
u unshare user,mnt,pid => ok
u spawn c => ok
c mount -t proc proc /run/p -o pidns=/proc/self/fd/%ipn => error EPERM
c mount -t proc proc /run/p -o pidns=/proc/self/ns/pid => ok
c readlink /run/p/self => 1
