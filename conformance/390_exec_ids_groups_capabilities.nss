# Under netns exec a program's ids, groups and capabilities are its task's:
# getuid and the rest, getgroups, setuid/setresuid/setresgid/setgroups,
# capset and the capability prctls (keep-caps, the bounding and ambient
# sets) are the model's, with the kernel's rules: the overflow ids after
# unshare -U, setpriv dropping to uid 1000 with an ambient capability
# kept, a return to uid 0 refused (the exec of the second setpriv dropped
# the kept capabilities), setgroups refused where /proc/PID/setgroups is
# deny. /proc/self/status shows the model's ids and capabilities (the
# rest of it is the host's). The world's initial capability sets are not
# compared (a container may lack some of them).
init exec id -u => 0
init exec unshare -U sh -c "id -u; id -g; id -G" => 65534 | 65534 | 65534
init exec unshare -r sh -c "id -u; id -g; id -G" => 0 | 0 | 0
init exec setpriv --reuid=1000 --regid=1000 --clear-groups sh -c "id -u; id -g; id -G" => 1000 | 1000 | 1000
init exec setpriv --reuid=1000 --regid=1000 --groups=5,7 id -G => 1000 5 7
init exec setpriv --reuid=1000 --regid=1000 --clear-groups setpriv --reuid=0 true => stderr: setpriv: setresuid failed: Operation not permitted | exit 127
init exec setpriv --reuid=1000 --regid=1000 --clear-groups unshare -n true => stderr: unshare: unshare failed: Operation not permitted | exit 1
init exec setpriv --reuid=1000 --regid=1000 --clear-groups --inh-caps=+net_admin --ambient-caps=+net_admin sh -c "grep -E '^(Uid|Gid|Groups|CapInh|CapPrm|CapEff|CapAmb)' /proc/self/status; unshare -n readlink /proc/self/ns/user" => Uid:	1000	1000	1000	1000 | Gid:	1000	1000	1000	1000 | Groups:	  | CapInh:	0000000000001000 | CapPrm:	0000000000001000 | CapEff:	0000000000001000 | CapAmb:	0000000000001000 | stderr: unshare: unshare failed: Operation not permitted | exit 1
init exec unshare -r setpriv --groups=0 id => stderr: setpriv: setgroups failed: Operation not permitted | exit 127
init exec unshare -U grep -E "^(Uid|Gid|Groups|CapEff)" /proc/self/status => Uid:	65534	65534	65534	65534 | Gid:	65534	65534	65534	65534 | Groups:	  | CapEff:	0000000000000000
init spawn u => ok
u unshare user => ok
u exec sh -c "id -u; id -G" => 65534 | 65534
u exec grep -E "^(Uid|Gid)" /proc/@u/status => Uid:	65534	65534	65534	65534 | Gid:	65534	65534	65534	65534
init spawn w => ok
w unshare user => ok
w write /proc/self/uid_map "0 0 1" => ok
w write /proc/self/setgroups "deny" => ok
w write /proc/self/gid_map "0 0 1" => ok
w exec sh -c "id -u; id -g; setpriv --groups=0 true" => 0 | 0 | stderr: setpriv: setgroups failed: Operation not permitted | exit 127
w exec setpriv --reuid=0 --regid=0 grep -E "^(Uid|CapEff)" /proc/self/status => stderr: setpriv: --[re]gid requires --keep-groups, --clear-groups, --init-groups, or --groups | exit 1
