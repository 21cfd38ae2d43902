# An NETNSA_NSID attribute of two bytes instead of four fails the policy:
# ERANGE, with its extack.
# Source: the raw-message checks of external suites (wrong attribute
# lengths). Probed: RTM_GETNSID with a 6-byte NETNSA_NSID.
init nl raw 1c0000005a0001000100000000000000000000000600010001000000 => error ERANGE "Attribute failed policy validation"
