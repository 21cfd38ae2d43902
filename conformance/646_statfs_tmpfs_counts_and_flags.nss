# statfs(2) of a tmpfs with limits: blocks and files are its size= (in
# pages) and nr_inodes=; bfree, bavail and ffree what is left of them (the
# root directory is an inode, a page is taken when a write first touches
# it). f_flags is ST_VALID with the mount's flags; a read-only remount
# adds rdonly. A missing path is ENOENT.
# Source: mm/shmem.c shmem_statfs, fs/statfs.c calculate_f_flags.
# Probed: netns diff.
init mkdir /run/t => ok
init mount -t tmpfs t /run/t -o size=8k,nr_inodes=3,nosuid => ok
init statfs /run/t => tmpfs bsize=4096 blocks=2 bfree=2 bavail=2 files=3 ffree=2 namelen=255 frsize=4096 flags=valid,nosuid,relatime
init touch /run/t/a => ok
init write /run/t/a x => ok
init statfs /run/t/a => tmpfs bsize=4096 blocks=2 bfree=1 bavail=1 files=3 ffree=1 namelen=255 frsize=4096 flags=valid,nosuid,relatime
init mount -o remount,ro,nosuid /run/t => ok
init statfs /run/t => tmpfs bsize=4096 blocks=2 bfree=1 bavail=1 files=3 ffree=1 namelen=255 frsize=4096 flags=valid,rdonly,nosuid,relatime
init statfs /run/t/nosuch => error ENOENT
