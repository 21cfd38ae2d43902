# A remount cannot give a tmpfs a size= or nr_inodes= below what it holds
# (EINVAL, nothing changes); one at or above it is the new limit: a
# smaller one leaves no room for the next page or file (ENOSPC), a larger
# one makes room.
# Source: mm/shmem.c shmem_reconfigure ("Too small a size for current
# use", "Too few inodes for current use"). Probed: netns diff.
init mkdir /run/t => ok
init mount -t tmpfs t /run/t -o size=16k,nr_inodes=10 => ok
init touch /run/t/a => ok
init write /run/t/a x => ok
init write /run/t/a x at 4096 => ok
init touch /run/t/b => ok
init mount -o remount,size=4k /run/t => error EINVAL
init mount -o remount,nr_inodes=2 /run/t => error EINVAL
init mount -o remount,size=4k,nr_inodes=3 /run/t => error EINVAL
init mountinfo /run/t => m1 m2 / /run/t rw,relatime - tmpfs t rw,size=16k,nr_inodes=10
init mount -o remount,size=8k,nr_inodes=3 /run/t => ok
init write /run/t/a x at 8192 => error ENOSPC
init touch /run/t/c => error ENOSPC
init mount -o remount,size=12k,nr_inodes=4 /run/t => ok
init write /run/t/a x at 8192 => ok
init touch /run/t/c => ok
init mountinfo /run/t => m1 m2 / /run/t rw,relatime - tmpfs t rw,size=12k,nr_inodes=4
