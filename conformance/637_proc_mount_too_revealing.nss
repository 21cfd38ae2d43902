# In a mount namespace of a user namespace other than the initial one, a
# new proc needs a proc there that is fully visible. /proc is: a task of
# a user, mount and pid namespace of its own may mount a proc of its pid
# namespace (also read-only, nosuid, ...). Once a tmpfs covers /proc/sys
# (made before the namespace was copied, so locked there), no proc is
# fully visible and a new one is EPERM, read-only too; a tmpfs is not
# affected. Another proc mounted elsewhere with nothing below it will
# do. A mount on /proc itself covers the proc's root, which is not
# empty: EPERM too. The initial user namespace's mount namespace is never
# asked.
# Source: fs/namespace.c mount_too_revealing, mnt_already_visible.
# Probed: netns diff.
init mkdir /run/p => ok
init mkdir /run/q => ok
init spawn t => ok
t unshare user,mnt,pid => ok
t spawn a => ok
a mount -t proc proc /run/p => ok
a mount -t proc proc /run/p -o nosuid,nodev,noexec,ro => ok
init mount -t tmpfs x /proc/sys => ok
init spawn u => ok
u unshare user,mnt,pid => ok
u spawn b => ok
b mount -t proc proc /run/p => error EPERM
b mount -t proc proc /run/p -o ro => error EPERM
b mount -t tmpfs x /run/p => ok
init mount -t proc proc /run/q => ok
init spawn v => ok
v unshare user,mnt,pid => ok
v spawn c => ok
c mount -t proc proc /run/p => ok
init umount /run/q => ok
init umount /proc/sys => ok
init mount -t tmpfs x /proc => ok
init spawn w => ok
w unshare user,mnt,pid => ok
w spawn d => ok
d mount -t proc proc /run/p => error EPERM
init umount /proc => ok
