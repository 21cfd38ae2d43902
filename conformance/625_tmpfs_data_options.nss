# A tmpfs's data options (mount -o KEY=VALUE words go to mount(2)'s data):
# size= (K/M/G/... suffixes, rounded up to whole pages, shown in KiB),
# nr_blocks= (pages, shown as size), nr_inodes= (suffixes too), mode=
# (octal, its low 12 bits), uid= and gid= (a number in any base), huge=;
# a later word wins. mountinfo's super options show what differs from the
# defaults, in the kernel's order, with the mount flags before them.
# Source: mm/shmem.c shmem_parse_one, shmem_show_options. Probed: netns diff.
init mkdir /run/a => ok
init mkdir /run/b => ok
init mkdir /run/c => ok
init mkdir /run/d => ok
init mkdir /run/e => ok
init mount -t tmpfs t /run/a -o size=1m,nr_inodes=10,mode=700,uid=5,gid=6 => ok
init mountinfo /run/a => m1 m2 / /run/a rw,relatime - tmpfs t rw,size=1024k,nr_inodes=10,mode=700,uid=5,gid=6
init mount -t tmpfs t /run/b -o nosuid,size=1000,mode=17777 => ok
init mountinfo /run/b => m3 m2 / /run/b rw,nosuid,relatime - tmpfs t rw,size=4k,mode=7777
init mount -t tmpfs t /run/c -o size=4097,nr_inodes=1k,mode=0 => ok
init mountinfo /run/c => m4 m2 / /run/c rw,relatime - tmpfs t rw,size=8k,nr_inodes=1024,mode=000
init mount -t tmpfs t /run/d -o size=1m,size=2g,mode=1777,uid=0x10 => ok
init mountinfo /run/d => m5 m2 / /run/d rw,relatime - tmpfs t rw,size=2097152k,uid=16
init mount -t tmpfs t /run/e -o ro,nr_blocks=10,huge=always,mode=0755,sync => ok
init mountinfo /run/e => m6 m2 / /run/e ro,relatime - tmpfs t ro,sync,size=40k,mode=755,huge=always
init mtab /run/e => t /run/e tmpfs ro,sync,relatime,size=40k,mode=755,huge=always 0 0
