// SPDX-License-Identifier: GPL-2.0-only
/* Probe for 301_ioctl_bad_fd_ebadf: the nsfs requests on fd -1 and 99 (not open). */
#include "common.h"
int main(void)
{
	unsigned long rq[] = {NS_GET_USERNS, NS_GET_PARENT, NS_GET_NSTYPE, NS_GET_OWNER_UID, NS_GET_ID, NS_GET_MNTNS_ID, 0};
	const char *nm[] = {"NS_GET_USERNS", "NS_GET_PARENT", "NS_GET_NSTYPE", "NS_GET_OWNER_UID", "NS_GET_ID", "NS_GET_MNTNS_ID", "0x0"};
	char b[80];
	close(99);
	for (int i = 0; i < 7; i++) {
		snprintf(b, sizeof b, "ioctl -1 %s (%#lx)", nm[i], rq[i]); show(b, ioctl(-1, rq[i], 0));
		snprintf(b, sizeof b, "ioctl 99 %s", nm[i]); show(b, ioctl(99, rq[i], 0));
	}
	return 0;
}
