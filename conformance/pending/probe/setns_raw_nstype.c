// SPDX-License-Identifier: GPL-2.0-only
/* Probe for 303/333: setns() with nstype values the language cannot name:
 * -1 (LTP setns01 "invalid ns_type"), CLONE_VM, CLONE_NEWUSER|CLONE_VM
 * (pidfd_setns_test invalid_flags), on a namespace fd and on a pidfd. */
#include "common.h"
int main(void)
{
	const char *f[] = {"ipc", "mnt", "net", "pid", "uts", "user", "cgroup", "time"};
	char p[64], b[80];
	for (int i = 0; i < 8; i++) {
		snprintf(p, sizeof p, "/proc/self/ns/%s", f[i]);
		int fd = open(p, O_RDONLY);
		snprintf(b, sizeof b, "setns(%s fd, -1)", f[i]); show(b, syscall(SYS_setns, fd, -1));
		snprintf(b, sizeof b, "setns(%s fd, CLONE_VM)", f[i]); show(b, syscall(SYS_setns, fd, CLONE_VM));
		close(fd);
	}
	pid_t c = fork();
	if (c == 0) { pause(); _exit(0); }
	int pfd = syscall(SYS_pidfd_open, c, 0);
	show("pidfd_open child", pfd);
	show("setns(pidfd, 0)", syscall(SYS_setns, pfd, 0));
	show("setns(pidfd, -1)", syscall(SYS_setns, pfd, -1));
	show("setns(pidfd, CLONE_VM)", syscall(SYS_setns, pfd, CLONE_VM));
	show("setns(pidfd, CLONE_NEWUSER|CLONE_VM)", syscall(SYS_setns, pfd, CLONE_NEWUSER | CLONE_VM));
	show("setns(pidfd, CLONE_NEWNET|CLONE_VM)", syscall(SYS_setns, pfd, CLONE_NEWNET | CLONE_VM));
	show("setns(pidfd, CLONE_NEWNET)", syscall(SYS_setns, pfd, CLONE_NEWNET));
	kill(c, 9); waitpid(c, 0, 0);
	return 0;
}
