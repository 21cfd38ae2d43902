# RTM_GETNSID target errors: unknown TARGET_NSID is EINVAL "Target netns reference
# is invalid"; TARGET_NSID alone is "Peer netns reference is missing"; an NSID
# unknown in the current netns is ENOENT even when the target knows it.
# Reference: linux-behaviour.md §6.2 (TARGET_NSID=99, TARGET_NSID=7 only, NSID=100 + TARGET_NSID=7).
init ip netns add b =>
init ip netns add c =>
init open /run/netns/b as b => ok
init ip netns set b 5 =>
init ip netns set c 7 =>
init ip -n c netns set b 100 =>
init nl getnsid fd=b target=99 => error EINVAL "Target netns reference is invalid"
init nl getnsid target=7 => error EINVAL "Peer netns reference is missing"
init nl getnsid nsid=100 target=7 => error ENOENT "Peer netns reference is invalid"
init nl getnsid nsid=5 target=7 => nsid 100 current-nsid 5
