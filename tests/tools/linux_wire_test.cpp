// SPDX-License-Identifier: GPL-2.0-only
// The linux backend's frames: strings of any bytes arrive as sent, an fd
// passed with a frame arrives open, and waits are bounded.
#include "tools/linux_wire.hpp"

#include <gtest/gtest.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <thread>

namespace netns::tools::linux_wire {
namespace {

struct pair_fixture : ::testing::Test {
  void SetUp() override { ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0); }
  void TearDown() override {
    for (int f : sv)
      if (f >= 0) close(f);
  }
  int sv[2] = {-1, -1};
};

using LinuxWire = pair_fixture;

TEST_F(LinuxWire, StringsOfAnyBytesArriveAsSent) {
  frame sent{"nl", std::string("\0\x01\xff", 3), "", std::string(100000, 'x')};
  std::thread writer([&] { EXPECT_TRUE(send_frame(sv[0], sent)); });
  frame got;
  EXPECT_EQ(recv_frame(sv[1], got, nullptr, 5000), wire_status::ok);
  writer.join();
  EXPECT_EQ(got, sent);
}

TEST_F(LinuxWire, APassedFdArrivesOpenAndNamesTheSameFile) {
  int devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
  ASSERT_GE(devnull, 0);
  ASSERT_TRUE(send_frame(sv[0], {"V", "7"}, devnull));
  frame got;
  int fd = -1;
  ASSERT_EQ(recv_frame(sv[1], got, &fd, 5000), wire_status::ok);
  ASSERT_GE(fd, 0);
  struct stat a, b;
  ASSERT_EQ(fstat(devnull, &a), 0);
  ASSERT_EQ(fstat(fd, &b), 0);
  EXPECT_EQ(a.st_ino, b.st_ino);
  EXPECT_EQ(a.st_dev, b.st_dev);
  close(fd);
  close(devnull);
}

TEST_F(LinuxWire, NothingSentIsATimeoutAndAClosedPeerIsClosed) {
  frame got;
  EXPECT_EQ(recv_frame(sv[1], got, nullptr, 50), wire_status::timeout);
  close(sv[0]);
  sv[0] = -1;
  EXPECT_EQ(recv_frame(sv[1], got, nullptr, 50), wire_status::closed);
}

TEST_F(LinuxWire, AFrameCutShortIsAnError) {
  const char partial[] = {20, 0, 0, 0, 1, 0};  // says 20 bytes, sends 2
  ASSERT_EQ(write(sv[0], partial, sizeof partial), static_cast<ssize_t>(sizeof partial));
  close(sv[0]);
  sv[0] = -1;
  frame got;
  EXPECT_EQ(recv_frame(sv[1], got, nullptr, 1000), wire_status::error);
}

TEST_F(LinuxWire, AnAbsurdLengthIsAnErrorNotAnAllocation) {
  const std::uint32_t huge = 0xffffffffu;
  ASSERT_EQ(write(sv[0], &huge, 4), 4);
  frame got;
  EXPECT_EQ(recv_frame(sv[1], got, nullptr, 1000), wire_status::error);
}

}  // namespace
}  // namespace netns::tools::linux_wire
