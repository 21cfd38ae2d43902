# setns to a mount namespace puts a chrooted task's root back at that
# namespace's root, also when it is the namespace the task is in.
# Source: fs/namespace.c mntns_install (set_fs_root, set_fs_pwd). Probed:
# netns diff.
init mkdir /run/c => ok
init touch /run/c/f => ok
init spawn t => ok
t open /proc/self/ns/mnt as m => ok
t chroot /run/c => ok
t stat /run => error ENOENT
t setns m mnt => ok
t stat /run/c/f => file
t chroot /run/c => ok
t stat /f => file
t setns m 0 => ok
t stat /f => error ENOENT
