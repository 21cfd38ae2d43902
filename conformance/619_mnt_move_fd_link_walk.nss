# A walk on through /proc/self/fd/N of a directory opened before its
# mount was moved goes on from where the mount is now: a mount made
# through it has its mount point at the new path, and a file opened
# through it reads that path.
# Source: fs/namei.c nd_jump_link; fs/d_path.c prepend_path. Probed:
# netns diff.
init mkdir /run/a => ok
init mkdir /run/b => ok
init mount -t tmpfs t /run/a => ok
init mkdir /run/a/e => ok
init open /run/a as a => ok
init mount --move /run/a /run/b => ok
init mount -t tmpfs z /proc/self/fd/%a/e => ok
init mounts /run => m1 m2 / /run tmpfs | m3 m1 / /run/b tmpfs | m4 m3 / /run/b/e tmpfs
init open /proc/self/fd/%a/e as e => ok
init readlink /proc/self/fd/%e => /run/b/e
