# An exec recomputes credentials: in a new user namespace without a
# mapping, the program's uid is no one's there, so the next exec leaves it
# without capabilities and it may not make a network namespace; with root
# mapped (unshare -r) it keeps them.
init exec unshare -U sh -c "unshare -n true" => stderr: unshare: unshare failed: Operation not permitted | exit 1
init exec unshare -r sh -c "unshare -n true; echo $?" => 0
