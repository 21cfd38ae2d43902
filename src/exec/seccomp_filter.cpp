// SPDX-License-Identifier: GPL-2.0-only
#include "seccomp_filter.hpp"

#include <linux/capability.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace netns::exec_detail {

const std::vector<int>& notified_syscalls() {
  static const std::vector<int> calls = {
      SCMP_SYS(unshare), SCMP_SYS(setns),      SCMP_SYS(open),       SCMP_SYS(openat),
      SCMP_SYS(uname),   SCMP_SYS(sethostname), SCMP_SYS(setdomainname),
      SCMP_SYS(readlink), SCMP_SYS(readlinkat), SCMP_SYS(stat),      SCMP_SYS(lstat),
      SCMP_SYS(fstat),   SCMP_SYS(newfstatat), SCMP_SYS(statx),      SCMP_SYS(ioctl),
      SCMP_SYS(mkdir),   SCMP_SYS(mkdirat),    SCMP_SYS(unlink),     SCMP_SYS(unlinkat),
      SCMP_SYS(rmdir),   SCMP_SYS(mount),      SCMP_SYS(umount2),    SCMP_SYS(getdents64),
      SCMP_SYS(getxattr), SCMP_SYS(lgetxattr), SCMP_SYS(fgetxattr), SCMP_SYS(listxattr),
      SCMP_SYS(llistxattr), SCMP_SYS(flistxattr), SCMP_SYS(access), SCMP_SYS(faccessat),
      SCMP_SYS(faccessat2), SCMP_SYS(getuid), SCMP_SYS(geteuid), SCMP_SYS(getgid),
      SCMP_SYS(getegid), SCMP_SYS(getresuid), SCMP_SYS(getresgid), SCMP_SYS(getgroups), SCMP_SYS(setgroups),
      SCMP_SYS(setuid), SCMP_SYS(setgid), SCMP_SYS(setreuid), SCMP_SYS(setregid),
      SCMP_SYS(setresuid), SCMP_SYS(setresgid), SCMP_SYS(setfsuid), SCMP_SYS(setfsgid),
      SCMP_SYS(capget),  SCMP_SYS(capset),   SCMP_SYS(statfs),     SCMP_SYS(fstatfs),
      // Sockets: NETLINK_ROUTE ones are the model's. Every send and receive
      // of the program is notified and the host's let through.
      SCMP_SYS(socket),  SCMP_SYS(setsockopt), SCMP_SYS(getsockopt), SCMP_SYS(bind),
      SCMP_SYS(getsockname), SCMP_SYS(getpeername), SCMP_SYS(connect), SCMP_SYS(sendto),
      SCMP_SYS(sendmsg),  SCMP_SYS(recvfrom), SCMP_SYS(recvmsg),
  };
  return calls;
}

namespace {

// The higher of the model's last capability and the host kernel's
// (/proc/sys/kernel/cap_last_cap): past it, both say EINVAL.
unsigned last_capability_anywhere() {
  unsigned host = 0;
  if (std::FILE* f = std::fopen("/proc/sys/kernel/cap_last_cap", "re")) {
    if (std::fscanf(f, "%u", &host) != 1) host = 63;
    std::fclose(f);
  } else {
    host = 63;  // unknown: every capability number is notified
  }
  return std::max<unsigned>(host, CAP_LAST_CAP);
}

}  // namespace

result<std::vector<sock_filter>> build_filter() {
  std::unique_ptr<void, void (*)(scmp_filter_ctx)> ctx(seccomp_init(SCMP_ACT_ALLOW), seccomp_release);
  if (!ctx) return errc{ENOMEM};
  for (int nr : notified_syscalls()) {
    // A call this architecture does not have (open on arm64) is skipped.
    if (nr < 0) continue;
    if (int rc = seccomp_rule_add(ctx.get(), SCMP_ACT_NOTIFY, nr, 0); rc < 0) return errc{-rc};
  }
  // The capability prctls (the task's sets are the model's); the others
  // (PR_SET_NAME, PR_SET_PDEATHSIG, ...) are the host's, unnotified.
  for (int option : {PR_GET_KEEPCAPS, PR_SET_KEEPCAPS, PR_CAPBSET_DROP, PR_GET_SECUREBITS, PR_SET_SECUREBITS,
                     PR_CAP_AMBIENT})
    if (int rc = seccomp_rule_add(ctx.get(), SCMP_ACT_NOTIFY, SCMP_SYS(prctl), 1,
                                  SCMP_A0_32(SCMP_CMP_EQ, static_cast<std::uint32_t>(option)));
        rc < 0)
      return errc{-rc};
  // PR_CAPBSET_READ of a capability past the last one, the model's and the
  // host's, is EINVAL on both: let through. libcap asks for several such
  // when it looks for the last capability, at every program start.
  if (int rc = seccomp_rule_add(ctx.get(), SCMP_ACT_NOTIFY, SCMP_SYS(prctl), 2,
                                SCMP_A0_32(SCMP_CMP_EQ, static_cast<std::uint32_t>(PR_CAPBSET_READ)),
                                SCMP_A1_64(SCMP_CMP_LE, static_cast<std::uint64_t>(last_capability_anywhere())));
      rc < 0)
    return errc{-rc};
  // Writes to a generated procfs file (a sysctl) are the model's, so that
  // its errno (EINVAL for a bad value) reaches the writer: write and writev
  // on fds from 3 on are notified (standard output and error never are).
  for (int nr : {SCMP_SYS(write), SCMP_SYS(writev)})
    if (int rc = seccomp_rule_add(ctx.get(), SCMP_ACT_NOTIFY, nr, 1, SCMP_A0_32(SCMP_CMP_GE, 3)); rc < 0)
      return errc{-rc};
  // lseek from the end, or to data or a hole, on a placeholder that holds a
  // generated file's text: the answer is the model file's (a seq_file has
  // no end). SEEK_SET and SEEK_CUR, nearly every lseek, stay native.
  if (int rc = seccomp_rule_add(ctx.get(), SCMP_ACT_NOTIFY, SCMP_SYS(lseek), 1,
                                SCMP_A2_32(SCMP_CMP_GT, static_cast<std::uint32_t>(SEEK_CUR)));
      rc < 0)
    return errc{-rc};
  // The program text, exported through a memfd and read back.
  int fd = memfd_create("netns-filter", MFD_CLOEXEC);
  if (fd < 0) return errc{errno};
  std::vector<sock_filter> prog;
  int rc = seccomp_export_bpf(ctx.get(), fd);
  if (rc == 0) {
    off_t size = lseek(fd, 0, SEEK_END);
    prog.resize(static_cast<std::size_t>(size) / sizeof(sock_filter));
    if (pread(fd, prog.data(), prog.size() * sizeof(sock_filter), 0) !=
        static_cast<ssize_t>(prog.size() * sizeof(sock_filter)))
      rc = -EIO;
  }
  close(fd);
  if (rc < 0) return errc{-rc};
  return prog;
}

int install_filter(const std::vector<sock_filter>& prog) {
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return -errno;
  sock_fprog fprog{static_cast<unsigned short>(prog.size()), const_cast<sock_filter*>(prog.data())};
  unsigned flags = SECCOMP_FILTER_FLAG_NEW_LISTENER;
  long fd = -1;
#ifdef SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV
  fd = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
                    flags | SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV, &fprog);
  if (fd >= 0) return static_cast<int>(fd);
  if (errno != EINVAL) return -errno;
#endif
  fd = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, flags, &fprog);
  return fd >= 0 ? static_cast<int>(fd) : -errno;
}

}  // namespace netns::exec_detail
