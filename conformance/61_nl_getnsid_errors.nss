# RTM_GETNSID errors: an unknown NSID (or -1) is ENOENT "Peer netns reference
# is invalid"; no attributes is EINVAL "Peer netns reference is missing"; an
# FD that is not a netns is EINVAL "Peer netns reference is invalid".
# Reference: linux-behaviour.md §6.2 (NSID=42, no attributes, FD = regular file).
init ip netns add b =>
init ip netns set b 5 =>
init nl getnsid nsid=42 => error ENOENT "Peer netns reference is invalid"
init nl getnsid nsid=-1 => error ENOENT "Peer netns reference is invalid"
init nl getnsid => error EINVAL "Peer netns reference is missing"
init touch /run/plain => ok
init open /run/plain as f => ok
init nl getnsid fd=f => error EINVAL "Peer netns reference is invalid"
init open /proc/self/ns/user as u => ok
init nl getnsid fd=u => error EINVAL "Peer netns reference is invalid"
