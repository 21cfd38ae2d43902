// SPDX-License-Identifier: GPL-2.0-only
// result<T>: a value or an errno (with an optional static extack message),
// shaped like std::expected; errno_name gives the symbolic name.
#include "netns/base/result.hpp"

#include <gtest/gtest.h>

#include <cerrno>
#include <memory>
#include <string>

namespace netns {
namespace {

TEST(Result, HoldsAValue) {
  result<int> r = 42;
  ASSERT_TRUE(r);
  EXPECT_TRUE(r.has_value());
  EXPECT_EQ(*r, 42);
  EXPECT_EQ(r.value(), 42);
  EXPECT_EQ(r.code(), errc{});
  *r = 7;
  EXPECT_EQ(r.value(), 7);
}

TEST(Result, HoldsAnErrno) {
  result<int> r = errc{ENOSPC};
  EXPECT_FALSE(r);
  EXPECT_FALSE(r.has_value());
  EXPECT_EQ(r.code(), errc{ENOSPC});
  EXPECT_EQ(r.error().errnum(), ENOSPC);
  EXPECT_EQ(r.error().code, errc{ENOSPC});
  EXPECT_TRUE(r.error().text().empty());
  EXPECT_EQ(r.error().message, nullptr);
}

// The extack message travels with the errno; failures compare by errno.
TEST(Result, CarriesAStaticMessage) {
  result<int> r = failure(errc{EEXIST}, "Peer netns already has a nsid assigned");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().text(), "Peer netns already has a nsid assigned");
  EXPECT_EQ(r.error(), failure(errc{EEXIST}));
  EXPECT_FALSE(r.error() == failure(errc{EINVAL}, "Peer netns already has a nsid assigned"));
  // Propagating the failure keeps the message.
  result<std::string> up = r.error();
  EXPECT_EQ(up.code(), errc{EEXIST});
  EXPECT_EQ(up.error().text(), "Peer netns already has a nsid assigned");
}

TEST(Result, MoveOnlyValues) {
  result<std::unique_ptr<int>> r = std::make_unique<int>(5);
  ASSERT_TRUE(r);
  EXPECT_EQ(**r, 5);
  std::unique_ptr<int> p = std::move(r).value();
  EXPECT_EQ(*p, 5);
  result<std::unique_ptr<int>> e = errc{ENOMEM};
  EXPECT_EQ(e.code(), errc{ENOMEM});
}

TEST(Result, Void) {
  result<void> good = ok();
  EXPECT_TRUE(good);
  EXPECT_EQ(good.code(), errc{});
  result<void> bad = errc{EPERM};
  EXPECT_FALSE(bad);
  EXPECT_EQ(bad.code(), errc{EPERM});
  EXPECT_EQ(bad.error().errnum(), EPERM);
  result<void> with_msg = failure(errc{EINVAL}, "nsid is missing");
  EXPECT_EQ(with_msg.error().text(), "nsid is missing");
  result<void> dflt;
  EXPECT_TRUE(dflt);
}

TEST(Result, ErrcIsAnErrnoValue) {
  EXPECT_EQ(errc{}.value, 0);
  EXPECT_EQ(errc{EINVAL}, errc{22});
  EXPECT_NE(errc{EINVAL}, errc{EPERM});
}

TEST(ErrnoName, KnownValues) {
  EXPECT_STREQ(errno_name(EPERM), "EPERM");
  EXPECT_STREQ(errno_name(ENOENT), "ENOENT");
  EXPECT_STREQ(errno_name(ENOMEM), "ENOMEM");
  EXPECT_STREQ(errno_name(EBUSY), "EBUSY");
  EXPECT_STREQ(errno_name(EEXIST), "EEXIST");
  EXPECT_STREQ(errno_name(EINVAL), "EINVAL");
  EXPECT_STREQ(errno_name(ENOSPC), "ENOSPC");
  EXPECT_STREQ(errno_name(EOPNOTSUPP), "EOPNOTSUPP");
  EXPECT_STREQ(errno_name(ERANGE), "ERANGE");
}

// result.hpp documents unknown values as "E?" followed by the number.
TEST(ErrnoName, UnknownValuesShowTheNumber) {
  const std::string name = errno_name(4095);
  EXPECT_EQ(name.rfind("E?", 0), 0u) << name;
  EXPECT_EQ(name, "E?4095");
}

}  // namespace
}  // namespace netns
