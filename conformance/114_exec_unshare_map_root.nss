# unshare -r (util-linux): a new user namespace whose id maps the program
# writes itself, one line each, after denying setgroups; the maps and
# setgroups read back as written, and the new namespace is not the old.
# A second write of a map is EPERM (tee writes to the file at fd 3; a
# shell's redirection writes at fd 1, where netns exec applies the write
# but cannot return its errno: docs/architecture.md, "exec").
init exec sh -c "readlink /proc/self/ns/user" => user:[ns1]
init exec unshare -r sh -c "cat /proc/self/uid_map /proc/self/gid_map | tr -s ' ' | cut -c2-; cat /proc/self/setgroups; readlink /proc/self/ns/user" => 0 0 1 | 0 0 1 | deny | user:[ns2]
init exec unshare -r sh -c "echo 0 0 1 | tee /proc/self/uid_map" => 0 0 1 | stderr: tee: /proc/self/uid_map: Operation not permitted | exit 1
