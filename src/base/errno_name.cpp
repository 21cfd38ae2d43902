// SPDX-License-Identifier: GPL-2.0-only
#include <cerrno>
#include <cstdio>

#include "netns/base/result.hpp"

namespace netns {

const char* errno_name(int err) {
  switch (err) {
#define NETNS_E(x) \
  case x:          \
    return #x;
    NETNS_E(EPERM) NETNS_E(ENOENT) NETNS_E(ESRCH) NETNS_E(EINTR) NETNS_E(EIO) NETNS_E(ENXIO)
    NETNS_E(E2BIG) NETNS_E(EBADF) NETNS_E(ECHILD) NETNS_E(EAGAIN) NETNS_E(ENOMEM) NETNS_E(EACCES)
    NETNS_E(EFAULT) NETNS_E(EBUSY) NETNS_E(EEXIST) NETNS_E(EXDEV) NETNS_E(ENODEV) NETNS_E(ENOTDIR)
    NETNS_E(EISDIR) NETNS_E(EINVAL) NETNS_E(ENFILE) NETNS_E(EMFILE) NETNS_E(ENOTTY) NETNS_E(EFBIG)
    NETNS_E(ENOSPC) NETNS_E(ESPIPE) NETNS_E(EROFS) NETNS_E(EMLINK) NETNS_E(EPIPE) NETNS_E(ERANGE)
    NETNS_E(ENAMETOOLONG) NETNS_E(ENOSYS) NETNS_E(ENOTEMPTY) NETNS_E(ELOOP) NETNS_E(EUSERS)
    NETNS_E(ENOTSOCK) NETNS_E(EMSGSIZE) NETNS_E(EPROTONOSUPPORT) NETNS_E(EOPNOTSUPP)
    NETNS_E(EAFNOSUPPORT) NETNS_E(EADDRINUSE) NETNS_E(ENOBUFS) NETNS_E(ECONNREFUSED)
    NETNS_E(ETIMEDOUT) NETNS_E(EALREADY) NETNS_E(EINPROGRESS) NETNS_E(EOVERFLOW) NETNS_E(ECANCELED)
#undef NETNS_E
    default: {
      // Not a name we know: "E?" and the number, in a per-thread buffer.
      static thread_local char buf[24];
      std::snprintf(buf, sizeof buf, "E?%d", err);
      return buf;
    }
  }
}

}  // namespace netns
