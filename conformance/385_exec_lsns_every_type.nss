# lsns with each namespace type: a task that unshared uts, ipc and cgroup;
# one in a mount namespace of its own; a pid and time namespace's first
# child; a user namespace, whose own lsns sees only what its user
# namespace holds (the rest is owned by a user it cannot name: nobody).
# lsns orders rows by inode number, which the kernel hands out lowest-free
# from one space shared with every namespace on the host, so the output
# goes through a file of the world's /run and sort, by pid (a pipe would
# race: lsns might or might not count sort).
# The last two lines see only lsns itself: its pid is the program's own,
# which the kernel numbers in the scenario's namespace and netns exec
# shows as the host's (docs/scenarios.md, exec), so they leave PID out.
init spawn t => ok
t unshare uts,ipc,cgroup => ok
t exec sh -c "lsns -t uts -l -o TYPE,PID,PPID,NPROCS,USER,NS > /run/l; sort -k2n /run/l" => TYPE PID PPID NPROCS USER         NS | uts    1    0      2 root ns1 | uts    3    2      3 root ns2
init exec sh -c "lsns -t ipc -n -l -o TYPE,PID,NPROCS,NS > /run/l; sort -k2n /run/l" => ipc    1      4 ns3 | ipc    3      1 ns4
init exec sh -c "lsns -t cgroup -n -l -o TYPE,PID,NPROCS,NS > /run/l; sort -k2n /run/l" => cgroup   1      4 ns5 | cgroup   3      1 ns6
init spawn m => ok
m unshare mnt => ok
m exec sh -c "lsns -t mnt -n -l -o TYPE,PID,NPROCS,NS > /run/l; sort -k2n /run/l" => mnt    1      3 ns7 | mnt   13      3 ns8
init spawn p => ok
p unshare pid,time => ok
p spawn a => ok
a exec sh -c "lsns -t pid -n -l -o TYPE,PID,NPROCS,NS > /run/l; sort -k2n /run/l" => pid    1      5 ns9 | pid   18      3 ns10
a exec sh -c "lsns -t time -n -l -o TYPE,PID,NPROCS,NS > /run/l; sort -k2n /run/l" => time    1      5 ns11 | time   18      3 ns12
init exec sh -c "lsns -t pid -n -l -o TYPE,PID,NPROCS,NS > /run/l; sort -k2n /run/l" => pid    1      7 ns9 | pid   18      1 ns10
init spawn u => ok
u unshare user => ok
init exec sh -c "lsns -t user -n -l -o TYPE,PID,PPID,NPROCS,USER,NS > /run/l; sort -k2n /run/l" => user    1    0      8 root ns13 | user   28    2      1 root ns14
u exec lsns -t user -n -l -o TYPE,NPROCS,USER,NS => user       1 nobody ns14
u exec lsns -t net -n -l -o TYPE,NPROCS,NS => net       1 ns15
