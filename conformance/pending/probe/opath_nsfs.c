// SPDX-License-Identifier: GPL-2.0-only
/* Probe for the O_PATH files: an O_PATH fd on a namespace file (gVisor
 * ioctl.cc IoctlWithOpath: ioctl on O_PATH is EBADF), and what setns does with it. */
#include "common.h"
int main(void)
{
	int p = open("/proc/self/ns/net", O_PATH);
	show("open /proc/self/ns/net O_PATH", p);
	{ char l[128] = "", q[64]; snprintf(q, sizeof q, "/proc/self/fd/%d", p);
	  ssize_t n = readlink(q, l, sizeof l - 1); show("readlink /proc/self/fd/N (O_PATH fd)", n); printf("    -> %s\n", l);
	  snprintf(q, sizeof q, "/proc/self/ns/net"); n = readlink(q, l, sizeof l - 1); l[n > 0 ? n : 0] = 0; printf("    /proc/self/ns/net -> %s\n", l); }
	show("ioctl NS_GET_NSTYPE", ioctl(p, NS_GET_NSTYPE));
	show("ioctl NS_GET_USERNS", ioctl(p, NS_GET_USERNS));
	show("ioctl FIOCLEX", ioctl(p, FIOCLEX));
	show("ioctl FIONCLEX", ioctl(p, FIONCLEX));
	show("setns net", syscall(SYS_setns, p, CLONE_NEWNET));
	show("setns 0", syscall(SYS_setns, p, 0));
	char b[64]; snprintf(b, sizeof b, "/proc/self/fd/%d", p);
	int r = open(b, O_RDONLY);
	show("reopen via /proc/self/fd/N rdonly", r);
	{ char l[128] = "", q[64]; snprintf(q, sizeof q, "/proc/self/fd/%d", r);
	  ssize_t n = readlink(q, l, sizeof l - 1); show("readlink of reopened fd", n); printf("    -> %s\n", l); }
	show("ioctl NS_GET_NSTYPE on reopened", ioctl(r, NS_GET_NSTYPE));
	show("setns reopened net", syscall(SYS_setns, r, CLONE_NEWNET));
	show("close O_PATH fd", close(p));
	int u = open("/proc/self/ns/user", O_PATH);
	show("open /proc/self/ns/user O_PATH", u);
	show("ioctl NS_GET_OWNER_UID", ioctl(u, NS_GET_OWNER_UID, &r));
	int d = open("/run", O_PATH | O_DIRECTORY);
	show("open /run O_PATH|O_DIRECTORY", d);
	show("setns dir O_PATH 0", syscall(SYS_setns, d, 0));
	show("ioctl dir O_PATH NS_GET_NSTYPE", ioctl(d, NS_GET_NSTYPE));
	return 0;
}
