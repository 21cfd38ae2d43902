# /proc/PID/status, the lines ps, pgrep and the pid-namespace tests read:
# identity and parent, ids as the reader's user namespace names them
# (65534 where unmapped), the pid in every pid namespace from the
# reader's down (NStgid, NSpid; NSpgid and NSsid one per level),
# capabilities in the task's own user namespace. The world's root tasks'
# capability sets are the host's (a container may lack some), so only
# those of tasks in user namespaces of their own are compared. When a pid
# namespace's init exits, its other tasks go, and their /proc/PID with
# them: a program of the world does not see the host's process of that
# number.
init spawn t => ok
t unshare pid => ok
t spawn a => ok
a spawn b => ok
init exec grep -E ^(Name|State|Tgid|Pid|PPid|TracerPid|Uid|Gid|NStgid|NSpid|NSpgid|NSsid|Kthread|Threads|CapInh|CapAmb|NoNewPrivs) /proc/@b/status => Name:	netns-task | State:	S (sleeping) | Tgid:	5 | Pid:	5 | PPid:	4 | TracerPid:	0 | Uid:	0	0	0	0 | Gid:	0	0	0	0 | NStgid:	5	2 | NSpid:	5	2 | NSpgid:	0	0 | NSsid:	0	0 | Kthread:	0 | Threads:	1 | CapInh:	0000000000000000 | CapAmb:	0000000000000000 | NoNewPrivs:	0
b exec grep -E ^(NStgid|NSpid) /proc/@a/status => NStgid:	4	1 | NSpid:	4	1
a exit => ok
init exec grep -E ^(PPid|NSpid) /proc/@b/status => stderr: grep: /proc/5/status: No such file or directory | exit 2
init spawn u => ok
u unshare user => ok
u exec grep -E ^(Uid|Gid|CapPrm|CapEff|CapBnd|NSpid) /proc/@u/status => Uid:	65534	65534	65534	65534 | Gid:	65534	65534	65534	65534 | NSpid:	9 | CapPrm:	000001ffffffffff | CapEff:	000001ffffffffff | CapBnd:	000001ffffffffff
u exec grep -E ^(Uid|Gid|NSpid) /proc/@init/status => Uid:	65534	65534	65534	65534 | Gid:	65534	65534	65534	65534 | NSpid:	2
init exec grep -E ^(Uid|Gid) /proc/@u/status => Uid:	0	0	0	0 | Gid:	0	0	0	0
u setuid 0 => error EINVAL
init spawn w => ok
w unshare user => ok
w write /proc/self/uid_map "0 0 1" => ok
w setuid 0 => ok
w exec grep -E ^(Uid|CapEff|CapBnd) /proc/@w/status => Uid:	0	0	0	0 | CapEff:	000001ffffffffff | CapBnd:	000001ffffffffff
w caps drop CAP_NET_ADMIN => ok
w exec grep -E ^(CapPrm|CapEff) /proc/@w/status => CapPrm:	000001ffffffefff | CapEff:	000001ffffffefff
