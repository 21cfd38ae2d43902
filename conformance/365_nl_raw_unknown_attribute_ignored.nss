# An attribute type the NSID policy does not know is passed over (the
# request is parsed leniently): the reply is the one for no attribute.
# Source: the raw-message checks of external suites (unknown attributes).
# Probed: RTM_GETNSID with attribute type 9.
init nl raw 1c0000005a0001000100000000000000000000000800090000000000 => error EINVAL "Peer netns reference is missing"
init nl raw 240000005a00010001000000000000000000000008000900000000000800010007000000 => error ENOENT "Peer netns reference is invalid"
