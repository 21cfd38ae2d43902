# What readlink of /proc/PID/fd/N shows (d_path of the open file): the path
# the file was opened by; for a namespace file, net:[N] when it was reached
# through a magic link but the mount's path when it is the root of a bind
# mount (/run/netns/NAME); " (deleted)" once the file lost its name; and,
# once a lazy umount detached a mount, the path from that mount's root
# ("/" for the root itself), each mount of the detached tree on its own.
# Opening /proc/PID/fd/N opens the file at the place it was opened, and a
# walk through a directory's fd link goes on from there.
# Reference: probed on the reference kernel (netns diff).
init ip netns add red
init stat /run/netns/red => ino ns1
init open /run/netns/red as r => ok
init readlink /proc/self/fd/%r => /run/netns/red
init open /proc/self/ns/net as s => ok
init readlink /proc/self/fd/%s => net:[ns2]
init open /proc/self/fd/%r as r2 => ok
init readlink /proc/self/fd/%r2 => /run/netns/red
init open /proc/self/fd/%s as s2 => ok
init readlink /proc/self/fd/%s2 => net:[ns2]
init ip netns delete red
init readlink /proc/self/fd/%r => /
init readlink /proc/self/fd/%r2 => /
init readlink /proc/self/fd/%s => net:[ns2]

# An unlinked file, and a file opened through its fd link afterwards.
init touch /run/f => ok
init open /run/f as f => ok
init readlink /proc/self/fd/%f => /run/f
init rm /run/f => ok
init readlink /proc/self/fd/%f => /run/f (deleted)
init open /proc/self/fd/%f as f2 => ok
init readlink /proc/self/fd/%f2 => /run/f (deleted)

# A bind mount with another below it, lazily unmounted.
init mkdir /run/d => ok
init mkdir /run/d/sub => ok
init mkdir /run/e => ok
init mkdir /run/x => ok
init touch /run/x/h => ok
init touch /run/d/g => ok
init mount --bind /run/d /run/e => ok
init mount --bind /run/x /run/e/sub => ok
init open /run/e as dirfd => ok
init open /run/e/sub/h as h => ok
init readlink /proc/self/fd/%h => /run/e/sub/h
init open /proc/self/fd/%dirfd/g as g => ok
init readlink /proc/self/fd/%g => /run/e/g
init open /proc/self/fd/%dirfd/sub/h as h2 => ok
init readlink /proc/self/fd/%h2 => /run/e/sub/h
init spawn t => ok
t readlink /proc/@init/fd/%h => /run/e/sub/h
t open /proc/@init/fd/%g as tg => ok
t readlink /proc/self/fd/%tg => /run/e/g
init umount /run/e => ok
init readlink /proc/self/fd/%dirfd => /
init readlink /proc/self/fd/%g => /g
init readlink /proc/self/fd/%h => /h
init readlink /proc/self/fd/%h2 => /h
t readlink /proc/self/fd/%tg => /g
init readlink /proc/self/fd/%f => /run/f (deleted)
