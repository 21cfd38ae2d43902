# A proc answers for the pid namespace of the task that mounted it, not
# the reader's: mounted by the init (pid 1) of a child pid namespace, its
# self link reads the reader's pid there ("1" for that init; its pid 2
# sees its own task directory through self), and is ENOENT for a task
# that namespace does not see (the parent namespace's, the unsharer
# itself). A proc mounted in the parent namespace names every reader by
# its pid there, also a reader inside the child namespace.
# Source: fs/proc/root.c proc_init_fs_context (task_active_pid_ns of
# the mounter), fs/proc/self.c and thread_self.c (ENOENT when the tgid
# is 0 there). Probed: netns diff.
init mkdir /run/p => ok
init mkdir /run/q => ok
init spawn t => ok
t unshare pid => ok
t spawn a => ok
a spawn b => ok
a mount -t proc proc /run/p => ok
a readlink /run/p/self => 1
a readlink /run/p/thread-self => 1/task/1
b ls /run/p/self/task => 2
b ls /run/p/thread-self/.. => 2
init readlink /run/p/self => error ENOENT
init readlink /run/p/thread-self => error ENOENT
t readlink /run/p/self => error ENOENT
t stat /run/p/self => error ENOENT
init mount -t proc proc /run/q => ok
b readlink /run/q/self => b
b readlink /proc/self => b
a readlink /run/q/thread-self => a/task/a
