# Two messages in one sendto are handled in order, each with its own reply.
# Source: the raw-message checks of external suites (several messages in a
# buffer, as a batch). Probed: two RTM_GETNSID without attributes.
init nl raw 140000005a000100010000000000000000000000140000005a000100020000000000000000000000 => error EINVAL "Peer netns reference is missing" | error EINVAL "Peer netns reference is missing"
