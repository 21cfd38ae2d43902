# A pidfd whose task has exited names no namespaces: setns is ESRCH, for
# any list of types; a bad list is still EINVAL first.
# Reference: linux-behaviour.md §3 (reaped child); probed on the reference
# kernel for a zombie too.
init spawn t => ok
t unshare net => ok
init pidfd t as p => ok
t exit => ok
init setns p net => error ESRCH
init setns p uts,ipc => error ESRCH
init setns p user => error ESRCH
init setns p 0 => error EINVAL
