# unshare mnt moves the working directory to the same directory of the
# copy (a mount made there afterwards covers it, and the task stays in
# the covered directory); setns to a mount namespace puts it at that
# namespace's root, also for the namespace the task is in.
# Source: fs/namespace.c copy_mnt_ns (fs->pwd), mntns_install
# (set_fs_pwd); probed.
init mkdir /run/d => ok
init touch /run/d/old => ok
init spawn t => ok
t open /proc/self/ns/mnt as m => ok
t cd /run/d => ok
t unshare mnt => ok
t pwd => /run/d
t mount -t tmpfs x /run/d => ok
t touch /run/d/new => ok
t stat ./old => file
t stat ./new => error ENOENT
init stat /run/d/new => error ENOENT
init readlink /proc/@t/cwd => /run/d
t setns m mnt => ok
t pwd => /
init readlink /proc/@t/cwd => /
t cd /run/d => ok
t open /proc/self/ns/mnt as m2 => ok
t setns m2 mnt => ok
t pwd => /
