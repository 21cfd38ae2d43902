# Strict dump errors: an unknown TARGET_NSID ends the dump with EINVAL
# "Invalid target network namespace id"; without strict checking the same
# TARGET_NSID is ignored.
# Reference: linux-behaviour.md §6.3 ("Strict + TARGET_NSID=99", non-strict + TARGET_NSID).
init ip netns add b =>
init ip netns set b 5 =>
init nl dumpnsid strict target=99 => error EINVAL "Invalid target network namespace id"
init nl dumpnsid target=99 => nsid 5
init nl dumpnsid strict => nsid 5
