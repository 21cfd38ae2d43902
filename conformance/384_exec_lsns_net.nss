# lsns (util-linux) lists the world's processes' namespaces: it reads
# /proc, each /proc/PID/stat and /proc/PID/ns/net, and asks rtnetlink for
# each namespace's nsid (RTM_GETNSID with NETNSA_FD). Here: the world's pid
# 1 in a net of its own, init's net (init, sh and lsns), and t's net,
# which init's net knows as nsid 7 once `ip netns set` gave it one. From t,
# the others are unassigned. On the model, /proc/PID of a scenario's task is
# the model's directory, and the programs are listed by their model pids.
# lsns orders rows by inode number, which the kernel hands out lowest-free
# from one space for every namespace on the host: sorted by pid here
# (through a file: with a pipe, lsns might or might not count sort).
init spawn t => ok
t unshare net => ok
init exec ip netns attach tnet @t => 
init ip netns set tnet 7 => 
init exec sh -c "lsns -t net -n -l -o TYPE,PID,NPROCS,USER,NETNSID,NS > /run/l; sort -k2n /run/l" => net    1      1 root unassigned ns1 | net    2      3 root unassigned ns2 | net    3      1 root          7 ns3
t exec sh -c "lsns -t net -n -l -o TYPE,PID,NPROCS,NETNSID,NS > /run/l; sort -k2n /run/l" => net    1      1 unassigned ns1 | net    2      1 unassigned ns2 | net    3      3 unassigned ns3
init exec sh -c "lsns -J -o NS,TYPE,PID,NETNSID $(stat -L -c %i /proc/@t/ns/net)" => { |    "namespaces": [ |       { |          "ns": ns3, |          "type": "net", |          "pid": 3, |          "netnsid": "7" |       } |    ] | }
