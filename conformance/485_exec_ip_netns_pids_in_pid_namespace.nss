# ip netns pids and ip netns identify inside a pid namespace that
# unshare -pf --mount-proc made: ip scans that namespace's /proc, so it
# names the processes by their numbers there (sh 1, ip netns add 2, the
# shell ip netns exec runs 3, ip netns pids 4), and reads their
# /proc/N/ns/net; pid 1 (the shell outside a) has no name. Under netns
# exec those numbers are the model's too.
# (iproute2 ip/ipnetns.c netns_pids, netns_identify_pid; probed.)
init exec unshare -pf --mount-proc sh -c "ip netns add a; ip netns exec a sh -c 'ip netns pids a; ip netns identify $$; echo [$(ip netns identify 1)]'" => 3 | 4 | a | []
