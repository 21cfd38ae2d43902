# RTM_NEWNSID whose FD is not a netns (a regular file, a user namespace fd)
# is EINVAL "Peer netns reference is invalid"; nothing is assigned.
# Reference: linux-behaviour.md §6.1 ("FD = regular file", "FD = uts ns fd").
init touch /run/plain => ok
init open /run/plain as f => ok
init open /proc/self/ns/user as u => ok
init nl newnsid fd=f nsid=3 => error EINVAL "Peer netns reference is invalid"
init nl newnsid fd=u nsid=3 => error EINVAL "Peer netns reference is invalid"
init nl dumpnsid =>
