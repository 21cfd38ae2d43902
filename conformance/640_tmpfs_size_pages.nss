# A tmpfs's size= is a limit in pages: a page of a file is charged the
# first time a write touches it (a hole left by a write far past the end
# costs nothing, though a write into the hole later takes its page;
# writing a page again costs nothing), and a write that
# needs a page the file system cannot give is ENOSPC. Files share the
# limit. An unlinked file keeps its pages while it is open; its last close
# frees them.
# Source: mm/shmem.c shmem_inode_acct_blocks (shmem_get_folio_gfp),
# shmem_evict_inode. Probed: a size=8k,nr_inodes=3 tmpfs, and netns diff.
init mkdir /run/t => ok
init mount -t tmpfs t /run/t -o size=8k => ok
init touch /run/t/a => ok
init write /run/t/a x => ok
init write /run/t/a x at 1048576 => ok
init write /run/t/a x at 1052672 => error ENOSPC
init write /run/t/a x at 100 => ok
init write /run/t/a x at 1048000 => error ENOSPC
init touch /run/t/b => ok
init write /run/t/b x => error ENOSPC
init open /run/t/a as a => ok
init rm /run/t/a => ok
init write /run/t/b x => error ENOSPC
init close a => ok
init write /run/t/b x => ok
init write /run/t/b x at 4096 => ok
init write /run/t/b x at 8192 => error ENOSPC
