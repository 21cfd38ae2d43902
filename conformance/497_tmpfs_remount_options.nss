# mount -o remount,KEY=VALUE on a tmpfs changes its size=, nr_inodes=
# and huge= (mountinfo's super options follow) and ignores mode=, uid=
# and gid=, which only a new tmpfs takes. A tmpfs without a limit (size=0,
# nr_inodes=0) cannot be given one (EINVAL, and nothing changes, not the
# words before, nor a read-only switch). Bad words are EINVAL as at a new
# mount.
# Source: mm/shmem.c shmem_reconfigure, shmem_parse_one. Probed: netns
# diff.
init mkdir /run/a => ok
init mount -t tmpfs t /run/a -o size=1m,mode=700,uid=5 => ok
init mount -o remount,size=2m /run/a => ok
init mountinfo /run/a => m1 m2 / /run/a rw,relatime - tmpfs t rw,size=2048k,mode=700,uid=5
init mount -o remount,mode=755,uid=7,gid=8 /run/a => ok
init mount -o remount,nr_inodes=10,huge=always /run/a => ok
init mountinfo /run/a => m1 m2 / /run/a rw,relatime - tmpfs t rw,size=2048k,nr_inodes=10,mode=700,uid=5,huge=always
init mount -o remount,size=0,nr_inodes=0,huge=never /run/a => ok
init mountinfo /run/a => m1 m2 / /run/a rw,relatime - tmpfs t rw,size=0k,nr_inodes=0,mode=700,uid=5
init mount -o remount,size=1m /run/a => error EINVAL
init mount -o remount,nr_inodes=5 /run/a => error EINVAL
init mount -o remount,size=1x /run/a => error EINVAL
init mount -o remount,foo=1 /run/a => error EINVAL
init mount -o remount,ro,huge=advise,size=1m /run/a => error EINVAL
init mountinfo /run/a => m1 m2 / /run/a rw,relatime - tmpfs t rw,size=0k,nr_inodes=0,mode=700,uid=5
