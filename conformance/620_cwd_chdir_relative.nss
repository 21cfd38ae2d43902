# cd (chdir) sets the task's working directory: relative paths start
# there, ".." goes back up, /proc/PID/cwd and pwd (getcwd) read it, and a
# fork copies it. A failed cd changes nothing.
# Source: fs/open.c do_chdir, fs/d_path.c getcwd; probed.
init pwd => /
init mkdir /run/a => ok
init mkdir /run/a/b => ok
init cd /run/a => ok
init pwd => /run/a
init readlink /proc/self/cwd => /run/a
init touch ./f => ok
init stat /run/a/f => file
init cd ./b => ok
init pwd => /run/a/b
init stat ../f => file
init stat ../../../../../../run/a/f => file
init stat ./f => error ENOENT
init cd .. => ok
init pwd => /run/a
init spawn t => ok
t pwd => /run/a
init readlink /proc/@t/cwd => /run/a
t cd ./b => ok
init pwd => /run/a
init cd /run/none => error ENOENT
init cd ./f => error ENOTDIR
init pwd => /run/a
init cd . => ok
init pwd => /run/a
