# Bad values for the ipc sysctls: msgmax takes 0 to INT_MAX (-1 and
# 2147483648 are EINVAL), shmmni at most 32768 (IPCMNI), words are EINVAL,
# shmmax refuses any '-', and sem's fourth number (semmni) above 32768 is
# ERANGE. Nothing is changed by a refused write.
# Reference: probed on the reference kernel.
init write /proc/sys/kernel/msgmax -1 => error EINVAL
init write /proc/sys/kernel/msgmax 2147483648 => error EINVAL
init write /proc/sys/kernel/msgmax abc => error EINVAL
init write /proc/sys/kernel/shmmni abc => error EINVAL
init write /proc/sys/kernel/shmmni 32769 => error EINVAL
init write /proc/sys/kernel/shmmni 32768 => ok
init write /proc/sys/kernel/shmmax -1 => error EINVAL
init write /proc/sys/kernel/sem "1 2 3 99999" => error ERANGE
init cat /proc/sys/kernel/msgmax => 8192
init cat /proc/sys/kernel/shmmni => 32768
