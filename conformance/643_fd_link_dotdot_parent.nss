# ".." right after a walk has jumped through a directory's fd link
# (/proc/self/fd/N/..) goes to that directory's parent, as d_parent
# leads, across the mount it sits on (a tmpfs's root goes up to its mount
# point's directory) and where a move has taken the mount since; at the
# root it stays. What is opened that way is named by where it is now.
# Source: fs/namei.c nd_jump_link, follow_dotdot. Probed: netns diff.
init mkdir /run/a => ok
init mount -t tmpfs t /run/a => ok
init mkdir /run/a/b => ok
init mkdir /run/a/b/c => ok
init touch /run/a/x => ok
init open /run/a as top directory => ok
init open /run/a/b/c as c directory => ok
init ls /proc/self/fd/%top/.. => a | netns
init ls /proc/self/fd/%c/.. => c
init ls /proc/self/fd/%c/../.. => b | x
init ls /proc/self/fd/%c/../../.. => a | netns
init open /proc/self/fd/%c/../../../../../.. as r directory => ok
init readlink /proc/self/fd/%r => /
init mkdir /run/m => ok
init mount --move /run/a /run/m => ok
init ls /proc/self/fd/%c/../../.. => a | m | netns
init open /proc/self/fd/%c/.. as b directory => ok
init readlink /proc/self/fd/%b => /run/m/b
init open /proc/self/fd/%c/../../x as x => ok
init readlink /proc/self/fd/%x => /run/m/x
init cat /proc/self/fd/%c/../../x =>
