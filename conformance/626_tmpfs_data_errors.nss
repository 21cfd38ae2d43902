# A tmpfs's bad data options are EINVAL and mount nothing: a value that
# is not a number (or has a bad suffix, a sign, or is empty), a mode that
# is not octal, an id beyond 32 bits or with no mapping in the caller's
# user namespace (a new one with no uid_map), a huge= policy or a key
# tmpfs does not know. A proc takes no tmpfs options.
# Source: mm/shmem.c shmem_parse_one; fs/fs_parser.c. Probed: netns diff.
init mkdir /run/a => ok
init mount -t tmpfs t /run/a -o size=abc => error EINVAL
init mount -t tmpfs t /run/a -o size=-1 => error EINVAL
init mount -t tmpfs t /run/a -o size= => error EINVAL
init mount -t tmpfs t /run/a -o size=1x => error EINVAL
init mount -t tmpfs t /run/a -o nr_inodes=50% => error EINVAL
init mount -t tmpfs t /run/a -o nr_blocks=1q => error EINVAL
init mount -t tmpfs t /run/a -o mode=8 => error EINVAL
init mount -t tmpfs t /run/a -o mode=abc => error EINVAL
init mount -t tmpfs t /run/a -o uid=4294967295 => error EINVAL
init mount -t tmpfs t /run/a -o uid=-1 => error EINVAL
init mount -t tmpfs t /run/a -o uid=99999999999 => error EINVAL
init mount -t tmpfs t /run/a -o gid=x => error EINVAL
init mount -t tmpfs t /run/a -o huge=sometimes => error EINVAL
init mount -t tmpfs t /run/a -o size=1m,bogus=1 => error EINVAL
init mount -t proc p /run/a -o size=1m => error EINVAL
init mounts /run/a =>
init spawn t => ok
t unshare user,mnt => ok
t mount -t tmpfs t /run/a -o uid=0 => error EINVAL
t mount -t tmpfs t /run/a -o gid=0 => error EINVAL
t mount -t tmpfs t /run/a -o size=1m => ok
