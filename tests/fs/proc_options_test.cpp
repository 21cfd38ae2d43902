// SPDX-License-Identifier: GPL-2.0-only
// A proc's mount data (fs/proc/root.c proc_parse_param, proc_show_options)
// against the reference kernel (6.18): conformance/635_proc_options_shown
// and 636_proc_options_einval check the same on both backends. Here the
// parser and the options text alone.
#include "netns/fs/proc_options.hpp"

#include <gtest/gtest.h>

#include <cerrno>
#include <string>
#include <vector>

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
                          "gid=4294967296", "size=1m", "pidns=1", "pidns=/proc/1/ns/pid",
                          "mode=755"})
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

TEST(ProcOptions, EachOptionMetIsGiven) {
  proc_mount_opts o;
  unsigned given = 0, set = 0, clear = 0;
  ASSERT_TRUE(parse_proc_data("ro,hidepid=off", nullptr, o, given, set, clear, nullptr));
  EXPECT_EQ(given, fs::proc_param_hidepid);  // named, though to the default
  given = 0;
  ASSERT_TRUE(parse_proc_data("gid=1,subset=pid", nullptr, o, given, set, clear, nullptr));
  EXPECT_EQ(given, fs::proc_param_gid | fs::proc_param_subset);
}

TEST(ProcOptions, PidnsValueIsHandedOverInWordOrder) {
  std::vector<std::string> seen;
  fs::proc_pidns_param pidns = [&](std::string_view path) -> result<void> {
    seen.emplace_back(path);
    if (path == "/none") return errc{ENOENT};
    return ok();
  };
  proc_mount_opts o;
  unsigned given = 0, set = 0, clear = 0;
  ASSERT_TRUE(parse_proc_data("pidns=/a,hidepid=2,pidns=/b", nullptr, o, given, set, clear, pidns));
  EXPECT_EQ(seen, (std::vector<std::string>{"/a", "/b"}));
  EXPECT_EQ(given, fs::proc_param_pidns | fs::proc_param_hidepid);
  EXPECT_EQ(show_proc_options(o), ",hidepid=invisible");  // never shown
  // A bad word before it is the error and it is not looked at; after it,
  // its own error comes first.
  seen.clear();
  auto r = parse_proc_data("hidepid=3,pidns=/none", nullptr, o, given, set, clear, pidns);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().errnum(), EINVAL);
  EXPECT_TRUE(seen.empty());
  r = parse_proc_data("pidns=/none,hidepid=3", nullptr, o, given, set, clear, pidns);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().errnum(), ENOENT);
  // fs_parse: a value, not empty, before anything looks at it.
  for (const char* bad : {"pidns", "pidns="}) {
    r = parse_proc_data(bad, nullptr, o, given, set, clear, pidns);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().errnum(), EINVAL) << bad;
  }
}

TEST(ProcOptions, ARemountChangesWhatItNamesAndKeepsTheRest) {
  proc_mount_opts made;
  unsigned set = 0, clear = 0;
  ASSERT_TRUE(parse_proc_data("gid=5,hidepid=1", nullptr, made, set, clear));
  fs::proc_sb_options sb(made);
  EXPECT_EQ(show_proc_options(sb.load()), ",gid=5,hidepid=noaccess");
  auto remount = [&](std::string_view data) {
    proc_mount_opts o;
    unsigned given = 0;
    auto r = parse_proc_data(data, nullptr, o, given, set, clear, nullptr);
    if (!r) return std::string(errno_name(r.error().errnum()));
    sb.apply(o, given);
    return show_proc_options(sb.load());
  };
  EXPECT_EQ(remount("hidepid=2"), ",gid=5,hidepid=invisible");
  EXPECT_EQ(remount(""), ",gid=5,hidepid=invisible");
  EXPECT_EQ(remount("gid=0"), ",hidepid=invisible");
  EXPECT_EQ(remount("subset=pid"), ",hidepid=invisible,subset=pid");
  EXPECT_EQ(remount("hidepid=off"), ",subset=pid");  // subset=pid stays
  EXPECT_EQ(remount("gid=7,hidepid=9"), "EINVAL");
  EXPECT_EQ(show_proc_options(sb.load()), ",subset=pid");
}

}  // namespace
}  // namespace netns
