# The POSIX message queue limits under /proc/sys/fs/mqueue are per ipc
# namespace too: a fresh one has the defaults (256, 10, 8192), and a write
# stays in the writer's ipc namespace.
# Reference: probed on the reference kernel.
init cat /proc/sys/fs/mqueue/queues_max => 256
init cat /proc/sys/fs/mqueue/msg_max => 10
init cat /proc/sys/fs/mqueue/msgsize_max => 8192
init spawn t => ok
t unshare ipc => ok
t write /proc/sys/fs/mqueue/queues_max 100 => ok
t cat /proc/sys/fs/mqueue/queues_max => 100
init cat /proc/sys/fs/mqueue/queues_max => 256
