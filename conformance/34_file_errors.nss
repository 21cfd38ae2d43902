# mkdir/touch/rm errnos under /run: EEXIST for an existing name (/run/netns
# included), ENOENT for a missing parent, ENOTDIR below a file, EISDIR for touch
# or unlink of a directory. Kernel VFS rules, beyond the probe rows.
# Reference: linux-behaviour.md §7 (ip netns add: mkdir("/run/netns") = -1 EEXIST).
init mkdir /run/netns => error EEXIST
init ls /run => netns
init mkdir /run/d => ok
init mkdir /run/d => error EEXIST
init touch /run/d => error EISDIR
init rm /run/d => error EISDIR
init mkdir /run/nosuch/x => error ENOENT
init touch /run/nosuch/x => error ENOENT
init touch /run/f => ok
init touch /run/f => ok
init mkdir /run/f => error EEXIST
init mkdir /run/f/x => error ENOTDIR
init touch /run/f/x => error ENOTDIR
init rm /run/f => ok
init rm /run/f => error ENOENT
init ls /run => d | netns
init stat /run/d => dir
