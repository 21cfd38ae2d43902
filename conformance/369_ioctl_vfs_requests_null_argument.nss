# The VFS answers some ioctls for every file before the file's own ioctl:
# with a null argument FIONBIO, FIOASYNC, FIOQSIZE and FIGETBSZ are EFAULT
# (their int is read or written first), on a namespace fd and a sysctl fd
# alike; FIONREAD on a directory goes on to the file's ioctl: ENOTTY.
# Source: gVisor test/syscalls/linux/ioctl.cc (FIONBIO, FIOASYNC with a bad
# address); the kernel's do_vfs_ioctl. Probed with a null argument.
init open /proc/self/ns/net as n => ok
init ioctl n 0x5421 => error EFAULT
init ioctl n 0x5452 => error EFAULT
init ioctl n 0x5460 => error EFAULT
init ioctl n 0x2 => error EFAULT
init ioctl n 0x541b => error EFAULT
init open /proc/sys/net/core/somaxconn as s => ok
init ioctl s 0x5451 => ok
init ioctl s 0x5421 => error EFAULT
init ioctl s 0x5460 => error EFAULT
init open /proc/self/ns as d directory => ok
init ioctl d 0x5450 => ok
init ioctl d 0x541b => error ENOTTY
init ioctl d 0x5460 => error EFAULT
