# RTM_NEWNSID without an NSID attribute is EINVAL "nsid is missing" (checked
# first, also with no attributes at all); with NSID but neither PID nor FD it
# is EINVAL "Peer netns reference is missing".
# Reference: linux-behaviour.md §6.1 (nsid missing, no attributes, NSID=9 only).
init ip netns add d =>
init open /run/netns/d as d => ok
init nl newnsid fd=d => error EINVAL "nsid is missing"
init nl newnsid => error EINVAL "nsid is missing"
init nl newnsid nsid=9 => error EINVAL "Peer netns reference is missing"
init nl dumpnsid =>
