// SPDX-License-Identifier: GPL-2.0-only
// Helpers for tests that drive the model through tasks and system calls.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>

#include "netns/machine/machine.hpp"
#include "netns/task/syscalls.hpp"

namespace netns::test {

// fork(): the child, or nullptr (and a test failure).
// setresgid(65534) (set in the credentials: the model has no setgid call),
// then setresuid(65534), as the probes do: no capabilities left, not
// dumpable.
inline void become_nobody(task& t) {
  cred c = t.creds();
  c.gid = c.egid = c.sgid = c.fsgid = kgid{65534};
  t.commit_creds(std::move(c));
  ASSERT_TRUE(sys_setresuid(t, 65534, 65534, 65534));
  ASSERT_TRUE(t.creds().cap_effective.empty());
}

inline std::shared_ptr<task> spawn(machine& m, task& parent) {
  auto r = m.spawn(parent);
  EXPECT_TRUE(r);
  return r ? *r : nullptr;
}

// readlink(PATH): the text, or "error ENAME".
inline std::string link(task& t, std::string_view path) {
  auto r = sys_readlink(t, path);
  return r ? *r : std::string("error ") + errno_name(r.error().errnum());
}

// stat(PATH)'s error: errc{0} when it succeeds.
inline errc stat_error(task& t, std::string_view path) {
  auto st = sys_stat(t, path);
  return st ? errc{0} : st.code();
}

// `cat PATH`: everything, read in 4 KiB pieces, or "error ENAME" when the
// open fails.
inline std::string cat(task& t, std::string_view path) {
  auto fd = sys_open(t, path, O_RDONLY);
  if (!fd) return std::string("error ") + errno_name(fd.error().errnum());
  std::string out;
  for (;;) {
    auto r = sys_read(t, *fd, 4096);
    if (!r || r->empty()) break;
    out += *r;
  }
  (void)sys_close(t, *fd);
  return out;
}

}  // namespace netns::test
