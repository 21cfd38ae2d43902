# chroot does not move the working directory: it may stay outside the new
# root, where getcwd reads "(unreachable)" and the path from the mount
# namespace's root, relative paths still start there, and ".." from it
# goes up to the namespace's root (never meeting the new root) and stops.
# Once cd leads back below the root, paths are named from it again.
# Source: fs/open.c ksys_chroot (set_fs_root only), fs/namei.c
# follow_dotdot, fs/d_path.c getcwd; probed.
init mkdir /run/x => ok
init mkdir /run/x/a => ok
init mkdir /run/y => ok
init touch /run/y/f => ok
init spawn t => ok
t cd /run/y => ok
t chroot /run/x => ok
t pwd => (unreachable)/run/y
init readlink /proc/@t/cwd => /run/y
init readlink /proc/@t/root => /run/x
t stat ./f => file
t stat ../y/f => file
t stat /run => error ENOENT
t stat /a => dir
t cd .. => ok
t pwd => (unreachable)/run
t cd ../../.. => ok
t pwd => (unreachable)/
init readlink /proc/@t/cwd => /
t stat ./run/y/f => file
t cd ./run/x/a => ok
t pwd => /a
init readlink /proc/@t/cwd => /run/x/a
t cd ../../.. => ok
t pwd => /
t stat ./a => dir
