# setns() on a bad fd number is EBADF, whatever the type asked for: fd -1
# and a number no fd has (99), with each type LTP tries and with 0.
# Source: LTP setns01, the "invalid fd" case. Expectations probed on the
# reference kernel with pending/probe/setns_badfd.c (needs: raw fd number in setns).
init setns -1 ipc => error EBADF
init setns -1 mnt => error EBADF
init setns -1 net => error EBADF
init setns -1 pid => error EBADF
init setns -1 uts => error EBADF
init setns -1 0 => error EBADF
init setns 99 ipc => error EBADF
init setns 99 net => error EBADF
init setns 99 0 => error EBADF
