// SPDX-License-Identifier: GPL-2.0-only
/* Probe for the raw-request files: request numbers on namespace fds, arg 0.
 * AUTOFS_DEV_IOCTL_{OPENMOUNT,CLOSEMOUNT,READY} (iterate_mntns.c nfs_valid_ioctl),
 * 0 and FIOCLEX/FIONCLEX (gVisor ioctl.cc), NS_GET_NSTYPE by number, 0xb7ff. */
#include "common.h"
#include <linux/auto_dev-ioctl.h>
int main(void)
{
	const char *f[] = {"mnt", "net", "user", "uts"};
	char p[64], b[96];
	for (int i = 0; i < 4; i++) {
		snprintf(p, sizeof p, "/proc/self/ns/%s", f[i]);
		int fd = open(p, O_RDONLY);
		struct { const char *n; unsigned long r; } rq[] = {
			{"AUTOFS_DEV_IOCTL_OPENMOUNT", AUTOFS_DEV_IOCTL_OPENMOUNT},
			{"AUTOFS_DEV_IOCTL_CLOSEMOUNT", AUTOFS_DEV_IOCTL_CLOSEMOUNT},
			{"AUTOFS_DEV_IOCTL_READY", AUTOFS_DEV_IOCTL_READY},
			{"0", 0}, {"FIOCLEX", FIOCLEX}, {"FIONCLEX", FIONCLEX},
			{"NS_GET_NSTYPE", NS_GET_NSTYPE}, {"0xb7ff", 0xb7ff}, {"0xb700", 0xb700},
			{"NS_GET_OWNER_UID(NULL)", NS_GET_OWNER_UID}, {"NS_GET_ID(NULL)", NS_GET_ID},
			{"NS_GET_MNTNS_ID(NULL)", NS_GET_MNTNS_ID},
			{"NS_GET_USERNS", NS_GET_USERNS},
		};
		for (unsigned j = 0; j < sizeof rq / sizeof rq[0]; j++) {
			snprintf(b, sizeof b, "%s fd: %s %#lx", f[i], rq[j].n, rq[j].r);
			long rc = ioctl(fd, rq[j].r, 0);
			show(b, rc);
			if (rq[j].r == FIOCLEX || rq[j].r == FIONCLEX) printf("    FD_CLOEXEC now %d\n", fcntl(fd, F_GETFD) & FD_CLOEXEC);
		}
		close(fd);
	}
	return 0;
}
