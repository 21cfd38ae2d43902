# A raw RTM_GETNSID dump answers an RTM_NEWNSID per peer with an nsid, then
# NLMSG_DONE (type 3, 20 bytes: the header and the errno 0).
# Source: the raw-message checks of external suites; iproute2's
# `ip netns list-id` request. Probed.
init spawn a
a unshare net => ok
init open /proc/@a/ns/net as n => ok
init nl newnsid fd=n nsid=4 => ok
init nl raw 140000005a000103010000000000000000000000 => nsid 4 | msg 3 len 20
