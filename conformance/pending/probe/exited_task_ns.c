// SPDX-License-Identifier: GPL-2.0-only
/* Probe for the exited-task file: /proc/PID/ns of a reaped child (pid not reused). */
#include "common.h"
int main(void)
{
	pid_t c = fork();
	if (c == 0) _exit(0);
	int pfd = syscall(SYS_pidfd_open, c, 0);
	waitpid(c, 0, 0);
	char p[64], l[128];
	snprintf(p, sizeof p, "/proc/%d/ns/net", c);
	ssize_t n = readlink(p, l, sizeof l);
	show("readlink /proc/CHILD/ns/net after reap", n);
	show("open /proc/CHILD/ns/net after reap", open(p, O_RDONLY));
	snprintf(p, sizeof p, "/proc/%d", c);
	show("open /proc/CHILD after reap", open(p, O_RDONLY | O_DIRECTORY));
	show("setns(pidfd of reaped child, net)", syscall(SYS_setns, pfd, CLONE_NEWNET));
	show("pidfd_open reaped", syscall(SYS_pidfd_open, c, 0));
	return 0;
}
