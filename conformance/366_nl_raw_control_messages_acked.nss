# A control message (NLMSG_NOOP) with NLM_F_ACK is acknowledged and nothing
# else; so is a request without NLM_F_REQUEST, and an RTM_GETNSID too short
# to hold its family header.
# Source: the raw-message checks of external suites (wrong lengths, odd
# flags). Probed: each with NLM_F_ACK.
init nl raw 10000000010005000100000000000000 => ok
init nl raw 140000005a000400010000000000000000000000 => ok
init nl raw 100000005a0005000100000000000000 => ok
