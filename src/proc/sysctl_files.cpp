// SPDX-License-Identifier: GPL-2.0-only
// The kinds of /proc/sys entries (fs/proc/proc_sysctl.c, kernel/sysctl.c):
// see sysctl_files.hpp.
#include "sysctl_files.hpp"

#include <algorithm>
#include <cerrno>
#include <climits>

#include "netns/base/scope_exit.hpp"

namespace netns::fs::procfs_detail {

// ---- proc_dointvec_minmax's text rules --------------------------------------------

bool sysctl_is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return 99;
}

// A write of one int in [lo, hi]: optional leading spaces, an optional '-'
// (refused for the unsigned handler: no_sign), a number in base 0 (0x..
// hex, 0.. octal), then a space, tab, newline or the end. Returns the bytes
// consumed (trailing spaces included).
result<std::size_t> parse_int_write(std::string_view data, long lo, long hi, bool no_sign,
                                    long& out) {
  std::size_t left = std::min(data.size(), SYSCTL_PAGE_SIZE - 1);
  std::size_t i = 0;
  while (i < left && sysctl_is_space(data[i])) ++i;
  if (i == left) return errc{EINVAL};
  // proc_get_long works on at most 21 characters.
  constexpr std::size_t TMPBUFLEN = 22;
  std::string_view tmp = data.substr(i, std::min(left - i, TMPBUFLEN - 1));
  std::size_t j = 0;
  bool neg = false;
  if (tmp[0] == '-') {
    neg = true;
    ++j;
  }
  if (j >= tmp.size() || tmp[j] < '0' || tmp[j] > '9') return errc{EINVAL};
  int base = 10;
  if (tmp[j] == '0') {
    base = 8;
    if (j + 2 < tmp.size() && (tmp[j + 1] == 'x' || tmp[j + 1] == 'X') &&
        digit_value(tmp[j + 2]) < 16) {
      base = 16;
      j += 2;
    }
  }
  unsigned long long v = 0;
  while (j < tmp.size() && digit_value(tmp[j]) < base) {
    const unsigned d = static_cast<unsigned>(digit_value(tmp[j]));
    if (v > (ULLONG_MAX - d) / base) return errc{EINVAL};  // -ERANGE, reported as EINVAL
    v = v * base + d;
    ++j;
  }
  if (j == TMPBUFLEN - 1) return errc{EINVAL};  // too long to be a number
  if (neg && no_sign) return errc{EINVAL};      // proc_doulongvec_minmax: even "-0"
  if (j < left - i && !(data[i + j] == ' ' || data[i + j] == '\t' || data[i + j] == '\n'))
    return errc{EINVAL};
  // do_proc_dointvec_conv, then the min/max check.
  if (v > static_cast<unsigned long long>(INT_MAX) + (neg ? 1 : 0)) return errc{EINVAL};
  long value = neg ? -static_cast<long>(v) : static_cast<long>(v);
  if (value < lo || value > hi) return errc{EINVAL};
  i += j;
  while (i < left && sysctl_is_space(data[i])) ++i;
  out = value;
  return i;
}

// The permission test of sysctl files and directories (test_perm).
result<void> test_perm(const access_ctx& ctx, std::uint32_t mode, int mask) {
  if (!ctx.creds) return ok();
  const cred& c = *ctx.creds;
  if (c.euid == global_root_uid)
    mode >>= 6;
  else if (c.egid == global_root_gid)
    mode >>= 3;
  if ((mask & ~static_cast<int>(mode) & (MAY_READ | MAY_WRITE | MAY_EXEC)) == 0) return ok();
  return errc{EACCES};
}

std::uint32_t replicate_owner_bits(std::uint32_t mode) {
  std::uint32_t m = (mode >> 6) & 7;
  return (m << 6) | (m << 3) | m;
}

namespace {

class int_ctl_file final : public file {
 public:
  int_ctl_file(inode_ptr ino, int flags, std::shared_ptr<const int_ctl> ctl)
      : file(std::move(ino), flags), ctl_(std::move(ctl)) {}

  // A read at offset 0 gives the value and a newline (cut to `count`); any
  // later read gives nothing: a sysctl is read in one go.
  result<std::string> read(const access_ctx& ctx, std::size_t count) override {
    if ((flags_ & O_ACCMODE) == O_WRONLY) return errc{EBADF};
    lock_guard l(lock_);
    if (!ctl_->enter()) return errc{ENOENT};
    scope_exit leave([&] { ctl_->leave(); });
    if (count == 0 || pos_ != 0) return std::string();
    std::string out = std::to_string(ctl_->get_for ? ctl_->get_for(ctx) : ctl_->get()) + "\n";
    if (out.size() > count) out.resize(count);
    pos_ += out.size();
    return out;
  }

  // sysctl_writes_strict: a write past offset 0 changes nothing yet reports
  // every byte written (observed); otherwise one value, or EINVAL.
  result<std::size_t> write(const access_ctx& ctx, std::string_view data) override {
    if ((flags_ & O_ACCMODE) == O_RDONLY) return errc{EBADF};
    lock_guard l(lock_);
    if (!ctl_->enter()) return errc{ENOENT};
    scope_exit leave([&] { ctl_->leave(); });
    if (data.empty()) return std::size_t{0};
    if (ctl_->may_write)
      if (auto ok = ctl_->may_write(ctx); !ok) return ok.error();
    if (pos_ != 0) return data.size();
    long v = 0;
    auto used = parse_int_write(data, ctl_->lo, ctl_->hi, ctl_->no_sign, v);
    if (!used) return used.error();
    if (ctl_->set_for)
      ctl_->set_for(ctx, v);
    else
      ctl_->set(v);
    pos_ += *used;
    return *used;
  }

 private:
  mutex lock_;
  std::shared_ptr<const int_ctl> ctl_;
};

class int_ctl_inode final : public inode {
 public:
  explicit int_ctl_inode(std::shared_ptr<const int_ctl> ctl) : inode(S_IFREG), ctl_(std::move(ctl)) {}
  // An entry of a table that was unregistered (its namespace is gone):
  // stat is ENOENT and an fd on it reads " (deleted)" (probed).
  result<stat_info> getattr(const access_ctx&) const override {
    if (unhashed()) return errc{ENOENT};
    return proc_stat(ctl_->ino, S_IFREG | ctl_->mode, ctl_->owner.uid, ctl_->owner.gid);
  }
  bool unhashed() const override {
    if (!ctl_->enter()) return true;
    ctl_->leave();
    return false;
  }
  // proc_sys_permission: never executable; the table's rule, then test_perm.
  result<void> permission(const access_ctx& ctx, int mask) const override {
    if (mask & MAY_EXEC) return errc{EACCES};
    return test_perm(ctx, ctl_->effective_mode(ctx), mask);
  }
  result<file_ptr> open(const access_ctx&, int flags, inode_ptr self) override {
    if (!ctl_->enter()) return errc{ENOENT};
    ctl_->leave();
    return file_ptr(std::make_shared<int_ctl_file>(std::move(self), flags, ctl_));
  }

 private:
  std::shared_ptr<const int_ctl> ctl_;
};

}  // namespace

result<stat_info> ctl_dir::getattr(const access_ctx& ctx) const {
  if (unhashed()) return errc{ENOENT};
  owner_ids o = owner_(ctx);
  return proc_stat(ino_, S_IFDIR | 0555, o.uid, o.gid);
}

bool ctl_dir::unhashed() const { return alive_ && !alive_(); }

result<void> ctl_dir::permission(const access_ctx& ctx, int mask) const {
  return test_perm(ctx, 0555, mask);
}

result<lookup_ref> ctl_dir::lookup(const access_ctx& ctx, std::string_view name) {
  auto r = fn_(ctx, name);
  if (!r) return r.error();
  return lookup_ref(std::move(*r));  // made per lookup: pinned
}

result<std::vector<std::string>> ctl_dir::readdir(const access_ctx&) {
  if (alive_ && !alive_()) return errc{ENOENT};
  return names_;
}

// ---- text entries ------------------------------------------------------------------

namespace {

class text_ctl_file final : public file {
 public:
  text_ctl_file(inode_ptr ino, int flags, std::shared_ptr<const text_ctl> ctl)
      : file(std::move(ino), flags), ctl_(std::move(ctl)) {}

  result<std::string> read(const access_ctx&, std::size_t count) override {
    if ((flags_ & O_ACCMODE) == O_WRONLY) return errc{EBADF};
    lock_guard l(lock_);
    if (count == 0 || pos_ != 0) return std::string();
    std::string out = ctl_->show();
    if (out.size() > count) out.resize(count);
    pos_ += out.size();
    return out;
  }

  result<std::size_t> write(const access_ctx&, std::string_view data) override {
    if ((flags_ & O_ACCMODE) == O_RDONLY) return errc{EBADF};
    lock_guard l(lock_);
    if (data.empty()) return std::size_t{0};
    auto used = ctl_->store(data.substr(0, std::min(data.size(), SYSCTL_PAGE_SIZE - 1)), pos_);
    if (!used) return used.error();
    pos_ += *used;
    return *used;
  }

 private:
  mutex lock_;
  std::shared_ptr<const text_ctl> ctl_;
};

class text_ctl_inode final : public inode {
 public:
  explicit text_ctl_inode(std::shared_ptr<const text_ctl> ctl) : inode(S_IFREG), ctl_(std::move(ctl)) {}
  result<stat_info> getattr(const access_ctx&) const override {
    return proc_stat(ctl_->ino, S_IFREG | ctl_->mode, ctl_->owner.uid, ctl_->owner.gid);
  }
  result<void> permission(const access_ctx& ctx, int mask) const override {
    if (mask & MAY_EXEC) return errc{EACCES};
    return test_perm(ctx, ctl_->effective_mode(ctx), mask);
  }
  result<file_ptr> open(const access_ctx&, int flags, inode_ptr self) override {
    return file_ptr(std::make_shared<text_ctl_file>(std::move(self), flags, ctl_));
  }

 private:
  std::shared_ptr<const text_ctl> ctl_;
};

}  // namespace

void sysctl_dentries::sweep() {
  std::erase_if(map_, [](const auto& e) { return e.second.expired(); });
  sweep_at_ = std::max<std::size_t>(64, map_.size() * 2);
}

inode_ptr make_int_ctl(std::shared_ptr<const int_ctl> ctl) {
  return std::make_shared<int_ctl_inode>(std::move(ctl));
}

inode_ptr make_text_ctl(std::shared_ptr<const text_ctl> ctl) {
  return std::make_shared<text_ctl_inode>(std::move(ctl));
}

}  // namespace netns::fs::procfs_detail
