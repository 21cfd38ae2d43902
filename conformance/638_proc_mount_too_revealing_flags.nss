# The fully visible proc's locked flags bind a new proc in a namespace
# of another user namespace: copied there, /proc's atime (relatime) is
# locked, so a new proc with noatime, strictatime or nodiratime is EPERM;
# the new proc takes the lock with it (a remount to noatime is EPERM).
# Source: fs/namespace.c mnt_already_visible (MNT_LOCK_ATIME, "preserve
# the locked attributes"), can_change_locked_flags. Probed: netns diff.
init mkdir /run/p => ok
init spawn t => ok
t unshare user,mnt,pid => ok
t spawn a => ok
a mount -t proc proc /run/p -o noatime => error EPERM
a mount -t proc proc /run/p -o strictatime => error EPERM
a mount -t proc proc /run/p -o nodiratime => error EPERM
a mount -t proc proc /run/p => ok
a mountinfo /run/p => m1 m2 / /run/p rw,relatime - proc proc rw
a mount -o remount,bind,noatime /run/p => error EPERM
a mount -o remount,bind,nosuid /run/p => ok
