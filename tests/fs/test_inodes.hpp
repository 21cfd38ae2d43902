// SPDX-License-Identifier: GPL-2.0-only
// Inodes for VFS tests (not a test unit itself): a symlink whose text is
// walked, a "magic" link that jumps straight to an inode (as procfs's
// /proc/self/ns/net does), and a file that reports its own destruction, to
// see what keeps an inode (and so whatever it would pin) alive.
//
//   auto gone = std::make_shared<bool>(false);
//   fs.root()->attach("t", std::make_shared<test::tracked_file>(gone));
//   fs.mount_bind(root, "/t", "/run/x");   // the mount now holds it
//   fs.unlink(root, "/t");                 // *gone is still false
//   fs.umount(root, "/run/x");             // *gone is true
//
// The flag is shared so that it outlives a file still in the tree when the
// test's locals are gone and the fixture's vfs is destroyed.
//
// Attaching is done as root would (no permission checks): tests build the
// tree, and then walk it with whatever credentials they study.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "netns/fs/vfs.hpp"

namespace netns::fs::test {

// Inode numbers for test inodes, far from tmpfs's counter.
inline std::uint64_t next_test_ino() {
  static std::atomic<std::uint64_t> next{1'000'000};
  return next.fetch_add(1, std::memory_order_relaxed);
}

// A symlink with fixed text: the VFS walks the text (follow_link gives nullptr).
class test_symlink : public inode {
 public:
  explicit test_symlink(std::string target) : inode(S_IFLNK), target_(std::move(target)) {}
  result<stat_info> getattr(const access_ctx&) const override {
    stat_info st;
    st.ino = ino_;
    st.dev = tmpfs_dev;
    st.mode = S_IFLNK | 0777;
    st.size = target_.size();
    return st;
  }
  result<std::string> readlink(const access_ctx&) override { return target_; }
  std::uint64_t ino() const { return ino_; }

 private:
  std::string target_;
  std::uint64_t ino_ = next_test_ino();
};

// A magic link: readlink gives text that names nothing ("net:[4026531840]"),
// yet following it lands on `target`, like /proc/<pid>/ns/net.
class magic_link : public inode {
 public:
  magic_link(inode_ptr target, std::string text)
      : inode(S_IFLNK), target_(std::move(target)), text_(std::move(text)) {}
  result<stat_info> getattr(const access_ctx&) const override {
    stat_info st;
    st.ino = ino_;
    st.dev = procfs_dev;
    st.mode = S_IFLNK | 0777;
    return st;
  }
  result<std::string> readlink(const access_ctx&) override { return text_; }
  result<lookup_ref> follow_link(const access_ctx&) override { return lookup_ref(target_); }
  std::uint64_t ino() const { return ino_; }

 private:
  inode_ptr target_;
  std::string text_;
  std::uint64_t ino_ = next_test_ino();
};

// A regular file (as an nsfs file would be) that sets *released when freed.
class tracked_file : public inode {
 public:
  explicit tracked_file(std::shared_ptr<bool> released, std::uint64_t ino = next_test_ino())
      : inode(S_IFREG), released_(std::move(released)), ino_(ino) {}
  ~tracked_file() override { *released_ = true; }
  result<stat_info> getattr(const access_ctx&) const override {
    stat_info st;
    st.ino = ino_;
    st.dev = nsfs_dev;
    st.mode = S_IFREG | 0444;
    return st;
  }

 private:
  std::shared_ptr<bool> released_;
  std::uint64_t ino_;
};

}  // namespace netns::fs::test
