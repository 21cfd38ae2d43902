# A message type rtnetlink has no handler for is EOPNOTSUPP, without extack.
# Source: the raw-message checks of external suites (unknown types).
# Probed: type 200 with NLM_F_ACK.
init nl raw 14000000c8000500010000000000000000000000 => error EOPNOTSUPP
