# A child in a new uts namespace changes its hostname; setns(CLONE_NEWUTS)
# with an fd on the parent's uts namespace brings back the parent's name.
# Source: LTP setns02, test_newuts with ns_flag CLONE_NEWUTS.
init open /proc/self/ns/uts as parent => ok
init spawn c => ok
c unshare uts => ok
c hostname => (none)
c hostname setns_dummy_uts => ok
c hostname => setns_dummy_uts
init hostname => (none)
c setns parent uts => ok
c hostname => (none)
