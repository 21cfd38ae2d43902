# A chrooted task's /proc/self/mountinfo and /proc/self/mounts (read from
# a proc mounted inside its root) show only the mounts at or below its
# root, their mount points named from it; the mounts above and beside it
# are left out. Other tasks still see them all.
# Source: fs/proc_namespace.c show_mountinfo, show_vfsmnt (seq_path_root,
# SEQ_SKIP). Probed: netns diff.
init mkdir /run/c => ok
init mount -t tmpfs c /run/c => ok
init mkdir /run/c/d => ok
init mkdir /run/c/proc => ok
init mount -t tmpfs q /run/c/d => ok
init mount -t proc p /run/c/proc => ok
init mkdir /run/x => ok
init mkdir /run/x/proc => ok
init mkdir /run/x/m => ok
init mount -t tmpfs m /run/x/m => ok
init mount -t proc p2 /run/x/proc => ok
init spawn t => ok
t chroot /run/c => ok
t mountinfo / => m1 m2 / / rw,relatime - tmpfs c rw | m3 m1 / /d rw,relatime - tmpfs q rw | m4 m1 / /proc rw,relatime - proc p rw
t mtab / => c / tmpfs rw,relatime 0 0 | q /d tmpfs rw,relatime 0 0 | p /proc proc rw,relatime 0 0
init spawn s => ok
s chroot /run/x => ok
s mounts / => m5 m2 / /m tmpfs | m6 m2 / /proc proc
init mounts /run => m2 m7 / /run tmpfs | m1 m2 / /run/c tmpfs | m3 m1 / /run/c/d tmpfs | m4 m1 / /run/c/proc proc | m5 m2 / /run/x/m tmpfs | m6 m2 / /run/x/proc proc
