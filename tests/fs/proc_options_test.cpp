// SPDX-License-Identifier: GPL-2.0-only
// A proc's mount data (fs/proc/root.c proc_parse_param, proc_show_options)
// against the reference kernel (6.18): conformance/635_proc_options_shown
// and 636_proc_options_einval check the same on both backends. Here the
// parser and the options text alone.
#include "netns/fs/proc_options.hpp"

#include <gtest/gtest.h>

#include <cerrno>
#include <string>

#include "netns/core/kernel.hpp"
#include "netns/fs/mount.hpp"
#include "netns/subsys/builtin.hpp"

namespace netns {
namespace {

using fs::parse_proc_data;
using fs::proc_hidepid;
using fs::proc_mount_opts;
using fs::show_proc_options;

// The options text of `data` parsed by the kernel itself (no caller), or
// the errno's name.
std::string shown(std::string_view data) {
  proc_mount_opts o;
  unsigned set = 0, clear = 0;
  auto r = parse_proc_data(data, nullptr, o, set, clear);
  return r ? show_proc_options(o) : std::string(errno_name(r.error().errnum()));
}

TEST(ProcOptions, HidepidTakesTheKernelsNumbersAndNamesAndShowsNames) {
  EXPECT_EQ(shown("hidepid=0"), "");
  EXPECT_EQ(shown("hidepid=1"), ",hidepid=noaccess");
  EXPECT_EQ(shown("hidepid=2"), ",hidepid=invisible");
  EXPECT_EQ(shown("hidepid=4"), ",hidepid=ptraceable");
  EXPECT_EQ(shown("hidepid=0x2"), ",hidepid=invisible");  // kstrtouint, base from the prefix
  EXPECT_EQ(shown("hidepid=off"), "");
  EXPECT_EQ(shown("hidepid=noaccess"), ",hidepid=noaccess");
  EXPECT_EQ(shown("hidepid=invisible"), ",hidepid=invisible");
  EXPECT_EQ(shown("hidepid=ptraceable"), ",hidepid=ptraceable");
  EXPECT_EQ(shown("hidepid=2,hidepid=off"), "");  // the last word wins
}

TEST(ProcOptions, GidAndSubsetInTheKernelsOrder) {
  EXPECT_EQ(shown("subset=pid,hidepid=2,gid=0x10"), ",gid=16,hidepid=invisible,subset=pid");
  EXPECT_EQ(shown("gid=0"), "");
  EXPECT_EQ(shown("gid=010"), ",gid=8");
}

TEST(ProcOptions, BadWordsAreEinval) {
  for (const char* bad : {"hidepid=3", "hidepid=5", "hidepid=foo", "hidepid=", "hidepid",
                          "subset=net", "subset=", "subset", "gid=x", "gid=", "gid=-1",
                          "gid=4294967296", "size=1m", "pidns=1", "mode=755"})
    EXPECT_EQ(shown(bad), "EINVAL") << bad;
}

TEST(ProcOptions, GenericSuperblockWordsGoToTheFlags) {
  proc_mount_opts o;
  unsigned set = 0, clear = 0;
  ASSERT_TRUE(parse_proc_data("ro,sync,hidepid=1", nullptr, o, set, clear));
  EXPECT_EQ(set, fs::sb_rdonly | fs::sb_synchronous);
  EXPECT_EQ(o.hide_pid, proc_hidepid::no_access);
}

TEST(ProcOptions, GidIsNamedInTheCallersUserNamespaceUnchecked) {
  auto k = boot();
  cred c = cred::root(k->init_user_ns());
  proc_mount_opts o;
  unsigned set = 0, clear = 0;
  ASSERT_TRUE(parse_proc_data("gid=7", &c, o, set, clear));
  EXPECT_EQ(o.pid_gid, kgid{7});
}

}  // namespace
}  // namespace netns
