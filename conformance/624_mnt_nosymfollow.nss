# nosymfollow (MS_NOSYMFOLLOW): a symlink on such a mount is not followed
# (ELOOP), the magic links of a proc mounted so as well; readlink still
# reads it. It shows in mountinfo's and mounts' per-mount options after
# relatime; a bind copies it and a remount,bind sets or clears it for that
# mount alone.
# Source: fs/namei.c pick_link (MNT_NOSYMFOLLOW); fs/proc_namespace.c
# show_mnt_opts. Probed: netns diff.
init mkdir /run/p => ok
init mkdir /run/q => ok
init mount -t proc p /run/p -o nosymfollow => ok
init mountinfo /run/p => m1 m2 / /run/p rw,relatime,nosymfollow - proc p rw
init mtab /run/p => p /run/p proc rw,relatime,nosymfollow 0 0
init stat /run/p/self => error ELOOP
init readlink /run/p/self => init
init stat /run/p/@init => dir
init stat /run/p/@init/ns/net => error ELOOP
init open /run/p/@init/ns/net as n => error ELOOP
init readlink /run/p/@init/ns/net => net:[ns1]
init stat /run/p/self/ns => error ELOOP
init mount --bind /run/p /run/q => ok
init mountinfo /run/q => m3 m2 / /run/q rw,relatime,nosymfollow - proc p rw
init mount -o remount,bind /run/q => ok
init mountinfo /run/q => m3 m2 / /run/q rw,relatime - proc p rw
init stat /run/q/self/ns/net => ino ns1
init stat /run/p/self => error ELOOP
init mount -o remount,bind,nosymfollow,ro /run/q => ok
init mountinfo /run/q => m3 m2 / /run/q ro,relatime,nosymfollow - proc p rw
init stat /run/q/self => error ELOOP
