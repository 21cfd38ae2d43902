# The same return to the parent's uts namespace with nstype 0 (any type):
# the hostname is the parent's again.
# Source: LTP setns02, test_newuts with ns_flag 0.
init open /proc/self/ns/uts as parent => ok
init spawn c => ok
c unshare uts => ok
c hostname setns_dummy_uts => ok
c hostname => setns_dummy_uts
c setns parent 0 => ok
c hostname => (none)
c readlink /proc/self/ns/uts => uts:[ns1]
init readlink /proc/self/ns/uts => uts:[ns1]
