# A tmpfs's nr_inodes= is a limit: its root directory is the first inode,
# and every file and directory made in it takes one more (ENOSPC past the
# limit, in subdirectories too). A name that exists is EEXIST even when the
# file system is full. An unlinked file keeps its inode while it is open;
# its last close gives it back.
# Source: mm/shmem.c shmem_reserve_inode, shmem_free_inode (from
# shmem_evict_inode). Probed: a size=8k,nr_inodes=3 tmpfs, and netns diff.
init mkdir /run/t => ok
init mount -t tmpfs t /run/t -o nr_inodes=3 => ok
init touch /run/t/a => ok
init mkdir /run/t/d => ok
init touch /run/t/b => error ENOSPC
init mkdir /run/t/e => error ENOSPC
init touch /run/t/d/x => error ENOSPC
init mkdir /run/t/d => error EEXIST
init touch /run/t/a => ok
init open /run/t/a as a => ok
init rm /run/t/a => ok
init touch /run/t/b => error ENOSPC
init close a => ok
init touch /run/t/b => ok
init mkdir /run/u => ok
init mount -t tmpfs t /run/u -o nr_inodes=1 => ok
init touch /run/u/a => error ENOSPC
init mkdir /run/u/d => error ENOSPC
