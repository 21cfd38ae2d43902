# Capabilities gained by unshare(user) do not count in the initial user
# namespace: without CAP_SYS_ADMIN a bind mount is EPERM, before and after it
# (gVisor checks pivot_root, which needs the same capability over the mount ns).
# Source: gVisor test/syscalls/linux/unshare.cc, UnshareCapTest (PivotRoot).
init mkdir /run/a => ok
init mkdir /run/b => ok
init spawn t => ok
t caps drop CAP_SYS_ADMIN => ok
t mount --bind /run/a /run/b => error EPERM
t unshare user => ok
t mount --bind /run/a /run/b => error EPERM
