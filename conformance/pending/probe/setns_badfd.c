// SPDX-License-Identifier: GPL-2.0-only
/* Probe for 300_setns_bad_fd_ebadf: setns() with the raw fd numbers -1 and 99
 * (99 not open) for every type LTP setns01 tries, and 0. Expect EBADF. */
#include "common.h"
int main(void)
{
	struct { const char *n; int t; } ty[] = {
		{"ipc", CLONE_NEWIPC}, {"mnt", CLONE_NEWNS}, {"net", CLONE_NEWNET},
		{"pid", CLONE_NEWPID}, {"uts", CLONE_NEWUTS}, {"user", CLONE_NEWUSER},
		{"cgroup", CLONE_NEWCGROUP}, {"time", CLONE_NEWTIME}, {"0", 0}};
	char b[64];
	close(99);
	for (unsigned i = 0; i < sizeof ty / sizeof ty[0]; i++) {
		snprintf(b, sizeof b, "setns -1 %s", ty[i].n); show(b, syscall(SYS_setns, -1, ty[i].t));
		snprintf(b, sizeof b, "setns 99 %s", ty[i].n); show(b, syscall(SYS_setns, 99, ty[i].t));
	}
	/* a type that is no type: the fd is checked first? */
	show("setns -1 (nstype -1)", syscall(SYS_setns, -1, -1));
	show("close -1", close(-1));
	show("close 99", close(99));
	return 0;
}
