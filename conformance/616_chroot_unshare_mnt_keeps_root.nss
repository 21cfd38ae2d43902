# unshare(CLONE_NEWNS) keeps a chrooted task's root, at the same place in
# the copy: its paths still start there, and a mount made there later in
# the old namespace is not seen. A chrooted task may not make a user
# namespace (EPERM).
# Source: fs/namespace.c copy_mnt_ns (the fs_struct's root moved to the
# copy); kernel/user_namespace.c create_user_ns (current_chrooted).
# Probed: netns diff.
init mkdir /run/c => ok
init mkdir /run/c/d => ok
init touch /run/c/f => ok
init spawn t => ok
t chroot /run/c => ok
t unshare user => error EPERM
t unshare user,mnt => error EPERM
t unshare mnt => ok
t stat /f => file
t stat /run => error ENOENT
init mount -t tmpfs later /run/c/d => ok
init touch /run/c/d/g => ok
t stat /d/g => error ENOENT
init stat /run/c/d/g => file
