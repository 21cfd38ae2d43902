# A netlink message whose nlmsg_len says more bytes than were sent, or fewer
# than a header, is dropped without a reply, not even an error.
# Source: the raw-message checks of external suites (truncated messages);
# the kernel's netlink_rcv_skb rule. Probed: RTM_GETNSID with nlmsg_len 40
# on 20 bytes, and with nlmsg_len 8.
init nl raw 280000005a000100010000000000000000000000 =>
init nl raw 080000005a000100010000000000000000000000 =>
