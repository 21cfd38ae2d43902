# access(2) and faccessat2 on the model's paths, as test -e/-r/-w/-x and
# sort (which checks a file with access before opening it) make them: a
# file a program made in the world's /run, a namespace file bound there,
# the nsfs directory's permissions, a sysctl, a namespace link, from root
# and from a task that unshared its user namespace (no capability over
# the initial namespaces any more: init's ns link is out of its reach, the
# ptrace check, so not even -e). Before these were served, a program's
# access on a model path was the host's (ENOENT).
init exec sh -c "echo b > /run/l; sort /run/l" => b
init ip netns add red => 
init exec sh -c "for f in /run/netns/red /run/netns /run/nope /proc/sys/net/core/somaxconn /proc/self/ns/net; do test -e $f && echo e; test -r $f && echo r; test -w $f && echo w; test -x $f && echo x; echo .; done" => e | r | . | e | r | w | x | . | . | e | r | w | . | e | r | .
init spawn u => ok
u unshare user => ok
u exec sh -c "for f in /run/netns/red /run/netns /proc/sys/net/core/somaxconn /proc/@init/ns/net /proc/sys/user/max_net_namespaces; do test -e $f && echo e; test -r $f && echo r; test -w $f && echo w; test -x $f && echo x; echo .; done" => e | r | . | e | r | w | x | . | e | r | w | . | . | e | r | .
