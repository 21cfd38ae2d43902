# /proc/PID/root of a chrooted task reads its root's path, and a walk
# through it goes on from there; /proc/PID/cwd stays where it was (chroot
# does not move the working directory).
# Source: fs/proc/base.c proc_root_link, proc_pid_readlink (d_path).
# Probed: netns diff.
init mkdir /run/c => ok
init touch /run/c/f => ok
init spawn t => ok
init readlink /proc/@t/root => /
t chroot /run/c => ok
init readlink /proc/@t/root => /run/c
init stat /proc/@t/root/f => file
init readlink /proc/@t/cwd => /
