# Bad proc options are EINVAL and mount nothing: a hidepid= number the
# kernel does not know (3) or an unknown name, an empty value, a subset
# other than pid, a gid= that is not a number, another file system's
# option.
# Source: fs/proc/root.c proc_parse_param, valid_hidepid,
# proc_parse_subset_param; fs/fs_parser.c (empty strings). Probed: netns diff.
init mkdir /run/j => ok
init mount -t proc proc /run/j -o hidepid=3 => error EINVAL
init mount -t proc proc /run/j -o hidepid=foo => error EINVAL
init mount -t proc proc /run/j -o hidepid= => error EINVAL
init mount -t proc proc /run/j -o subset=net => error EINVAL
init mount -t proc proc /run/j -o subset= => error EINVAL
init mount -t proc proc /run/j -o gid=x => error EINVAL
init mount -t proc proc /run/j -o gid= => error EINVAL
init mount -t proc proc /run/j -o size=1m => error EINVAL
init mounts /run/j =>
