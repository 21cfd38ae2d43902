# lsns finds the file a namespace is bound to (its NSFS column) in the
# reader's /proc/self/mountinfo: the nsfs mounts and their roots
# ("net:[INODE]"). Under netns exec that table is the model's mount
# namespace's, where ip netns attach made the bind under /run/netns.
# lsns (2.38) lists the namespaces of processes only: a, which no process
# is in, is not a row, but its bind is in the count of nsfs mounts.
init spawn t => ok
t unshare net => ok
init exec ip netns attach tnet @t =>
init exec ip netns add a =>
init exec sh -c "lsns -t net -n -o NSFS,PID > /run/l; wc -l < /run/l; grep run /run/l" => 3 | /run/netns/tnet   3
init exec sh -c "lsns -t net -n -o NS,PID,NSFS $(stat -L -c %i /proc/@t/ns/net)" => ns1   3 /run/netns/tnet
init exec sh -c "grep -c ' nsfs ' /proc/self/mountinfo" => 2
