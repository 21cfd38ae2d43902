# A proc's options in mountinfo's super options and in mounts: gid= (in
# decimal, any base accepted) unless 0, hidepid= by name (numbers are
# accepted) unless off, subset=pid; each mount its own.
# Source: fs/proc/root.c proc_parse_hidepid_param, proc_show_options
# (hidepid2str). Probed: netns diff.
init mkdir /run/a => ok
init mkdir /run/b => ok
init mkdir /run/c => ok
init mkdir /run/d => ok
init mount -t proc p /run/a -o hidepid=4,gid=0x10 => ok
init mountinfo /run/a => m1 m2 / /run/a rw,relatime - proc p rw,gid=16,hidepid=ptraceable
init mount -t proc p /run/b -o hidepid=0 => ok
init mountinfo /run/b => m3 m2 / /run/b rw,relatime - proc p rw
init mount -t proc p /run/c -o hidepid=noaccess,subset=pid => ok
init mtab /run/c => p /run/c proc rw,relatime,hidepid=noaccess,subset=pid 0 0
init mount -t proc p /run/d -o nosuid,hidepid=2,gid=5,subset=pid => ok
init mountinfo /run/d => m4 m2 / /run/d rw,nosuid,relatime - proc p rw,gid=5,hidepid=invisible,subset=pid
