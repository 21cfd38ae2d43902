# chroot PATH: the task's paths then start at PATH, ".." at its root stays
# there, and what lies outside cannot be named; what it makes there is
# seen from outside at PATH. A task spawned from it is chrooted too; other
# tasks are not.
# Source: fs/open.c ksys_chroot, set_fs_root; fs/namei.c follow_dotdot.
# Probed: netns diff.
init mkdir /run/c => ok
init mkdir /run/c/d => ok
init touch /run/c/f => ok
init spawn t => ok
t chroot /run/c => ok
t stat /f => file
t stat /../../f => file
t stat /d/../../f => file
t stat /run => error ENOENT
t mkdir /x => ok
init stat /run/c/x => dir
t spawn u => ok
u stat /f => file
init stat /f => error ENOENT
t chroot /d => ok
t stat /f => error ENOENT
t stat / => dir
