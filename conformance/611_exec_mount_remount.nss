# util-linux's mount(8) as a real program: `mount -o remount,bind,ro`
# keeps the mount's other flags (it reads them from the model's
# /proc/self/mountinfo under netns exec) and `mount -o remount,rw` undoes
# the read-only; the model serves the remount to the program and a write
# by another program then fails as on the kernel.
# Source: fs/namespace.c path_mount; util-linux mount. Probed: netns diff.
init mkdir /run/a => ok
init mount -t tmpfs t /run/a -o nosuid => ok
init exec mount -o remount,bind,ro /run/a =>
init mountinfo /run/a => m1 m2 / /run/a ro,nosuid,relatime - tmpfs t rw
init exec mkdir /run/a/x => stderr: mkdir: cannot create directory '/run/a/x': Read-only file system | exit 1
init exec mount -o remount,rw /run/a =>
init exec mkdir /run/a/x =>
init mountinfo /run/a => m1 m2 / /run/a rw,nosuid,relatime - tmpfs t rw
