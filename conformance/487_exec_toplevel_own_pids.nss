# At a program's top level (the scenario's pid namespace) the numbers it
# sees of itself are the ones the rest of the world knows it by: `$$` is
# `/proc/self`, `ls /proc` lists the shell and a child it forked (before
# that child has done anything), and after `ip netns exec` or `nsenter
# --net` the shell's `$$` is among `ip netns pids` and `ip netns identify`
# names its namespace. Under netns exec a program's task takes its
# process's own pid, so the model's /proc agrees with getpid and fork's
# result. (kernel/pid.c alloc_pid, fs/proc/base.c proc_pid_readdir;
# iproute2 ip/ipnetns.c netns_pids, netns_identify_pid; probed.)
init ip netns add a =>
init exec sh -c "sh -c 'echo $$; exec readlink /proc/self' | uniq | wc -l" => 1
init exec sh -c "sleep 2 & c=$!; ls /proc | grep -qx $$ && echo self; ls /proc | grep -qx $c && echo child; kill $c" => self | child
init exec ip netns exec a sh -c "ip netns pids a | grep -qx $$ && echo listed; ip netns identify $$" => listed | a
init exec nsenter --net=/run/netns/a sh -c "ip netns pids a | grep -qx $$ && echo listed; ip netns identify $$" => listed | a
init ip netns pids a =>
