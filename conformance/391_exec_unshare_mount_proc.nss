# unshare --mount-proc (util-linux): a new mount namespace, then proc
# mounted on /proc. Under netns exec the proc mount is the model's, with
# the kernel's check: CAP_SYS_ADMIN over the owner of the caller's pid
# namespace, so from a fresh user namespace (unshare -r, or a task that
# unshared user) it is refused, where a root in the initial one may.
init exec unshare -m --mount-proc sh -c "test $(readlink /proc/self/ns/mnt) != $(readlink /proc/@init/ns/mnt) && echo new mnt; readlink /proc/self/ns/net" => new mnt | net:[ns1]
init exec unshare -r --mount-proc true => stderr: unshare: mount /proc failed: Operation not permitted | exit 1
init spawn u => ok
u unshare user,mnt => ok
u exec unshare --mount-proc true => stderr: unshare: unshare failed: Operation not permitted | exit 1
