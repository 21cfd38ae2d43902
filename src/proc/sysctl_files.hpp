// SPDX-License-Identifier: GPL-2.0-only
// The pieces every /proc/sys table is made of (fs/proc/proc_sysctl.c,
// kernel/sysctl.c): the permission test of sysctl files, the parser of
// proc_dointvec_minmax writes, and the file, inode and directory kinds.
//
//   int_ctl      one integer in [lo, hi] (proc_dointvec_minmax, proc_doulongvec_minmax)
//   text_ctl     any other value: a show and a store function (proc_dostring, vectors)
//   ctl_dir      a directory whose entries are made at lookup, for the reader
//
// Each entry carries functions bound to the namespace its lookup found, so
// an fd keeps the table it was opened in.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "netns/base/result.hpp"
#include "netns/base/thread_annotations.hpp"
#include "procfs_internal.hpp"

namespace netns::fs::procfs_detail {

inline constexpr std::size_t SYSCTL_PAGE_SIZE = 4096;
inline constexpr std::uint64_t SYSCTL_INO_BASE = 0x20000;

bool sysctl_is_space(char c);
// A write of one int in [lo, hi] with proc_dointvec_minmax's text rules
// (leading blanks, an optional '-' unless no_sign, base 0, then a blank or
// the end). Returns the bytes consumed (trailing blanks included).
result<std::size_t> parse_int_write(std::string_view data, long lo, long hi, bool no_sign,
                                    long& out);
// The permission test of sysctl files and directories (test_perm): the
// euid alone picks root's, the group's or the other bits.
result<void> test_perm(const access_ctx& ctx, std::uint32_t mode, int mask);
// The owner's bits given to everyone (the tables' permissions hooks).
std::uint32_t replicate_owner_bits(std::uint32_t mode);

// One int-valued sysctl table entry, bound to the namespace the lookup found.
struct int_ctl {
  std::uint64_t ino;
  std::uint32_t mode;  // table->mode
  owner_ids owner;
  long lo, hi;
  bool no_sign;  // proc_doulongvec_minmax: no '-' at all (proc_dointvec takes "-0")
  std::function<bool()> enter;  // the table is still registered (use_table)
  std::function<void()> leave;
  std::function<long()> get;
  std::function<void(long)> set;
  // The table root's permissions() hook: the mode the caller gets.
  std::function<std::uint32_t(const access_ctx&)> effective_mode;
  // For an entry that answers for whoever reads or writes it, at that
  // moment (kernel/ns_last_pid): used instead of get and set when given,
  // with may_write asked before a write is parsed (the handler's EPERM).
  std::function<long(const access_ctx&)> get_for = nullptr;
  std::function<void(const access_ctx&, long)> set_for = nullptr;
  std::function<result<void>(const access_ctx&)> may_write = nullptr;
};
inode_ptr make_int_ctl(std::shared_ptr<const int_ctl> ctl);

// Any other sysctl: `show` is the text a read at offset 0 gives (read in
// one go, as every sysctl), `store` takes one write at offset `pos` and
// returns the bytes it consumed or the errno.
struct text_ctl {
  std::uint64_t ino;
  std::uint32_t mode;
  owner_ids owner;
  std::function<std::string()> show;
  std::function<result<std::size_t>(std::string_view data, std::uint64_t pos)> store;
  std::function<std::uint32_t(const access_ctx&)> effective_mode;
};
inode_ptr make_text_ctl(std::shared_ptr<const text_ctl> ctl);

// The dentries of the per-namespace tables: the kernel keeps one dentry
// per (table, name), so a mount on a sysctl stays on it and is seen from
// the namespace whose table it belongs to. Here: one inode per (namespace,
// name) for as long as anything holds it (a mount, an open file, a walk);
// once nothing does, a new one is made, which no observer can tell apart.
class sysctl_dentries {
 public:
  template <class Make>
  result<inode_ptr> get(const void* ns, std::string_view name, Make&& make) {
    lock_guard l(lock_);
    auto key = std::make_pair(ns, std::string(name));
    auto it = map_.find(key);
    if (it != map_.end())
      if (inode_ptr held = it->second.lock()) return held;
    auto made = make();
    if (!made) return made.error();
    map_[std::move(key)] = *made;
    if (map_.size() >= sweep_at_) sweep();
    return made;
  }

 private:
  // Drops the entries nobody holds any more (at each doubling: amortized).
  void sweep() NETNS_REQUIRES(lock_);
  mutex lock_;
  std::map<std::pair<const void*, std::string>, std::weak_ptr<inode>> map_ NETNS_GUARDED_BY(lock_);
  std::size_t sweep_at_ NETNS_GUARDED_BY(lock_) = 64;
};

// A sysctl directory whose entries are made at lookup for the reader.
class ctl_dir final : public inode {
 public:
  using lookup_fn = std::function<result<inode_ptr>(const access_ctx&, std::string_view)>;
  // alive: whether the table set the directory belongs to is still
  // registered (readdir is ENOENT after; nullptr: always).
  ctl_dir(std::uint64_t ino, std::function<owner_ids(const access_ctx&)> owner,
          std::vector<std::string> names, lookup_fn fn, std::function<bool()> alive = nullptr)
      : inode(S_IFDIR), ino_(ino), owner_(std::move(owner)), names_(std::move(names)),
        fn_(std::move(fn)), alive_(std::move(alive)) {}
  result<stat_info> getattr(const access_ctx& ctx) const override;
  // The table set the directory belongs to was unregistered.
  bool unhashed() const override;
  result<void> permission(const access_ctx& ctx, int mask) const override;
  result<lookup_ref> lookup(const access_ctx& ctx, std::string_view name) override;
  result<std::vector<std::string>> readdir(const access_ctx&) override;

 private:
  std::uint64_t ino_;
  std::function<owner_ids(const access_ctx&)> owner_;
  std::vector<std::string> names_;
  lookup_fn fn_;
  std::function<bool()> alive_;
};

}  // namespace netns::fs::procfs_detail
