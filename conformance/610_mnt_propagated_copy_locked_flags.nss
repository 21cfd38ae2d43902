# A mount propagated into a mount namespace of a less privileged user
# namespace arrives with its flags locked: there a remount that would
# clear them is EPERM, one that keeps them is allowed, and the mount
# itself may still be unmounted (only its flags are locked).
# Source: fs/namespace.c attach_recursive_mnt (lock_mnt_tree across user
# namespaces). Probed: netns diff.
init mkdir /run/a => ok
init mount -t tmpfs s /run/a => ok
init mount --make-shared /run/a => ok
init mkdir /run/a/x => ok
init spawn t => ok
t unshare user,mnt => ok
init mount -t tmpfs q /run/a/x -o nosuid,nodev,noatime => ok
t mountinfo /run/a/x => m1 m2 / /run/a/x rw,nosuid,nodev,noatime master:g1 - tmpfs q rw
t mount -o remount,bind /run/a/x => error EPERM
t mount -o remount,bind,nosuid,nodev,relatime /run/a/x => error EPERM
t mount -o remount,bind,nosuid,nodev /run/a/x => ok
t umount /run/a/x => ok
t mounts /run/a => m2 m3 / /run/a master:g2 tmpfs
