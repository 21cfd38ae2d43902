# subset=pid can be turned on by a remount (6.18 applies it as any other
# option), and then stays: there is no other subset to name (subset= is
# EINVAL), and a remount that does not name it keeps it. Once on, the
# proc's other entries are ENOENT.
# Source: fs/proc/root.c proc_parse_subset_param, proc_apply_options.
# Probed: netns diff.
init mkdir /run/d => ok
init mount -t proc p /run/d => ok
init stat /run/d/sys => dir
init mount -o remount,subset=pid /run/d => ok
init mountinfo /run/d => m1 m2 / /run/d rw,relatime - proc p rw,subset=pid
init stat /run/d/sys => error ENOENT
init mount -o remount,subset= /run/d => error EINVAL
init mount -o remount,hidepid=2 /run/d => ok
init mount -o remount,subset=pid /run/d => ok
init mountinfo /run/d => m1 m2 / /run/d rw,relatime - proc p rw,hidepid=invisible,subset=pid
