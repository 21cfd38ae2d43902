# Once a task has exited and been reaped, its /proc/PID/ns files are gone:
# readlink and open are ENOENT, as setns through its pidfd is ESRCH.
# Source: kernel selftests pidfd/pidfd_setns_test.c, pidfd_exited_child (seen
# through /proc). Probed: pending/probe/exited_task_ns.c (needs: @TASK of an exited task).
init spawn k => ok
k unshare net => ok
init pidfd k as p => ok
k exit => ok
init readlink /proc/@k/ns/net => error ENOENT
init open /proc/@k/ns/net as n => error ENOENT
init setns p net => error ESRCH
