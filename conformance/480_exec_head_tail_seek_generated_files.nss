# GNU head prints what was asked and then seeks back to just after it, so
# that a reader sharing the open file goes on from there; tail asks for the
# file's end and, where there is none, reads it all. A generated procfs
# file seeks as its seq_file does: SEEK_SET and SEEK_CUR, but no end (EINVAL,
# so tail reads through); a sysctl seeks from a size of 0; a tmpfs file
# from its size. Under netns exec the file is a seekable copy of the text
# made at open, the ends answered by the model's file. (Not here: a sysctl
# read at an offset other than 0 is end of file on the kernel, while the
# copy goes on with the rest of the text.)
init ip link add v0 type veth peer name v1 =>
init exec head -1 /proc/net/dev => Inter-|   Receive                                                |  Transmit
init exec head -c 5 /proc/sys/net/core/somaxconn => 4096
init exec sh -c "echo tail:; tail -1 /proc/net/dev" => tail: |     v0:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0
init exec tail -c 3 /proc/sys/net/core/somaxconn => 96
init exec head -1 /proc/self/status => Name:	head
init exec sh -c "{ head -1; cat; } < /proc/net/dev" => Inter-|   Receive                                                |  Transmit |  face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed |     lo:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0 |     v1:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0 |     v0:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0
init exec sh -c "printf 'one\ntwo\nthree\n' > /run/f; { head -1; tail -1; } < /run/f; tail -c 4 /run/f" => one | three | ree
