// SPDX-License-Identifier: GPL-2.0-only
/* helpers for the issue-18 probes: print "ok" or "error ERRNO" as the scenario language does */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/nsfs.h>
#include <stdint.h>
#ifndef NS_GET_MNTNS_ID
#define NS_GET_MNTNS_ID _IOR(0xb7, 0x5, uint64_t)
#endif
#ifndef NS_GET_ID
#define NS_GET_ID _IOR(0xb7, 0xd, uint64_t)
#endif

static const char *ename(int e)
{
	switch (e) {
	case EPERM: return "EPERM"; case ENOENT: return "ENOENT"; case ESRCH: return "ESRCH";
	case EBADF: return "EBADF"; case EINVAL: return "EINVAL"; case ENOTTY: return "ENOTTY";
	case EFAULT: return "EFAULT"; case EACCES: return "EACCES"; case EEXIST: return "EEXIST";
	case ENOSPC: return "ENOSPC"; case EOPNOTSUPP: return "EOPNOTSUPP"; case ENOSYS: return "ENOSYS";
	case EISDIR: return "EISDIR"; case ENOTDIR: return "ENOTDIR"; case ELOOP: return "ELOOP";
	default: { static char b[32]; snprintf(b, sizeof b, "errno%d", e); return b; }
	}
}
static void show(const char *what, long rc)
{
	if (rc < 0) printf("%-50s => error %s\n", what, ename(errno));
	else printf("%-50s => ok (%ld)\n", what, rc);
	fflush(stdout);
}
