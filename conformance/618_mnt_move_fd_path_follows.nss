# /proc/PID/fd/N of a file opened before its mount was moved reads where
# it is now: d_path walks up the mounts as they are, so a move of the
# file's own mount, or of one above it, shows in the link.
# Source: fs/d_path.c prepend_path; fs/namespace.c do_move_mount.
# Probed: netns diff.
init mkdir /run/a => ok
init mkdir /run/b => ok
init mount -t tmpfs t /run/a => ok
init mkdir /run/a/d => ok
init mount -t tmpfs u /run/a/d => ok
init touch /run/a/d/f => ok
init open /run/a/d/f as f => ok
init open /run/a/d as d => ok
init open /run/a as a => ok
init readlink /proc/self/fd/%f => /run/a/d/f
init mount --move /run/a /run/b => ok
init readlink /proc/self/fd/%f => /run/b/d/f
init readlink /proc/self/fd/%d => /run/b/d
init readlink /proc/self/fd/%a => /run/b
init mkdir /run/c => ok
init mount --move /run/b/d /run/c => ok
init readlink /proc/self/fd/%f => /run/c/f
init readlink /proc/self/fd/%d => /run/c
