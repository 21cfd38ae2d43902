// SPDX-License-Identifier: GPL-2.0-only
// /proc/sys: the sysctls the model has (fs/proc/proc_sysctl.c,
// kernel/sysctl.c, net/sysctl_net.c, kernel/ucount.c).
//
//   /proc/sys/net/core/somaxconn        the reader's net namespace
//   /proc/sys/user/max_*_namespaces     the reader's user namespace
//
// Which table a path shows is decided at lookup, from the reader's task: an
// fd keeps the namespace it was opened in. Permissions are sysctl's own, not
// generic_permission: the table's mode, widened for the net's administrator
// (CAP_NET_ADMIN) or, for user limits, narrowed to read-only without
// CAP_SYS_RESOURCE, then tested against the euid alone (root's bits for
// kernel uid 0, group bits for gid 0, else other bits).
#include <algorithm>
#include <atomic>
#include <cerrno>
#include <climits>
#include <functional>

#include "netns/base/scope_exit.hpp"
#include "netns/base/thread_annotations.hpp"
#include "netns/task/pid_table.hpp"
#include "procfs_internal.hpp"

namespace netns::fs::procfs_detail {

namespace {

constexpr std::size_t PAGE_SIZE_ = 4096;
constexpr std::uint64_t SYSCTL_INO_BASE = 0x20000;

// ---- proc_dointvec_minmax's text rules --------------------------------------------

bool is_space(char c) {
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
  std::size_t left = std::min(data.size(), PAGE_SIZE_ - 1);
  std::size_t i = 0;
  while (i < left && is_space(data[i])) ++i;
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
  while (i < left && is_space(data[i])) ++i;
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
};

class int_ctl_file final : public file {
 public:
  int_ctl_file(inode_ptr ino, int flags, std::shared_ptr<const int_ctl> ctl)
      : file(std::move(ino), flags), ctl_(std::move(ctl)) {}

  // A read at offset 0 gives the value and a newline (cut to `count`); any
  // later read gives nothing: a sysctl is read in one go.
  result<std::string> read(const access_ctx&, std::size_t count) override {
    if ((flags_ & O_ACCMODE) == O_WRONLY) return errc{EBADF};
    lock_guard l(lock_);
    if (!ctl_->enter()) return errc{ENOENT};
    scope_exit leave([&] { ctl_->leave(); });
    if (count == 0 || pos_ != 0) return std::string();
    std::string out = std::to_string(ctl_->get()) + "\n";
    if (out.size() > count) out.resize(count);
    pos_ += out.size();
    return out;
  }

  // sysctl_writes_strict: a write past offset 0 changes nothing yet reports
  // every byte written (observed); otherwise one value, or EINVAL.
  result<std::size_t> write(const access_ctx&, std::string_view data) override {
    if ((flags_ & O_ACCMODE) == O_RDONLY) return errc{EBADF};
    lock_guard l(lock_);
    if (!ctl_->enter()) return errc{ENOENT};
    scope_exit leave([&] { ctl_->leave(); });
    if (data.empty()) return std::size_t{0};
    if (pos_ != 0) return data.size();
    long v = 0;
    auto used = parse_int_write(data, ctl_->lo, ctl_->hi, ctl_->no_sign, v);
    if (!used) return used.error();
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
  result<stat_info> getattr(const access_ctx&) const override {
    return proc_stat(ctl_->ino, S_IFREG | ctl_->mode, ctl_->owner.uid, ctl_->owner.gid);
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
  result<stat_info> getattr(const access_ctx& ctx) const override {
    owner_ids o = owner_(ctx);
    return proc_stat(ino_, S_IFDIR | 0555, o.uid, o.gid);
  }
  result<void> permission(const access_ctx& ctx, int mask) const override {
    return test_perm(ctx, 0555, mask);
  }
  result<lookup_ref> lookup(const access_ctx& ctx, std::string_view name) override {
    auto r = fn_(ctx, name);
    if (!r) return r.error();
    return lookup_ref(std::move(*r));  // made per lookup: pinned
  }
  result<std::vector<std::string>> readdir(const access_ctx&) override {
    if (alive_ && !alive_()) return errc{ENOENT};
    return names_;
  }

 private:
  std::uint64_t ino_;
  std::function<owner_ids(const access_ctx&)> owner_;
  std::vector<std::string> names_;
  lookup_fn fn_;
  std::function<bool()> alive_;
};


// ---- the tables ------------------------------------------------------------------------

// The reader's task state, as `current` would give it.
net_ref reader_net(pid_table& m, const access_ctx& ctx) {
  if (ctx.pid)
    if (auto t = m.find_task(ctx.pid)) return t->net_ns();
  return m.k().init_net().get();
}
user_ns_ref reader_user_ns(pid_table& m, const access_ctx& ctx) {
  if (ctx.creds) return ctx.creds->user_ns.clone();
  return user_ns_ref::acquire(&m.k().init_user_ns());
}

// net_ctl_set_ownership: the net's root when it maps, else the global root.
owner_ids net_sysctl_owner(const net& n) {
  owner_ids o;
  net_ns_get_ownership(n, o.uid, o.gid);
  return o;
}

result<inode_ptr> net_core_entry(net& n, std::string_view name) {
  if (name != "somaxconn") return errc{ENOENT};
  if (!n.sysctl_core_table.enter()) return errc{ENOENT};
  n.sysctl_core_table.leave();
  net* np = &n;
  // The entry keeps the net's memory (a passive reference), not the net:
  // like an open sysctl file on Linux, it does not keep the namespace alive.
  auto keep = std::make_shared<net_passive_ref>(np->get_passive());
  auto ctl = std::make_shared<int_ctl>(int_ctl{
      .ino = SYSCTL_INO_BASE + 0x100 + np->inum() % 0x10000 * 16,
      .mode = 0644,
      .owner = net_sysctl_owner(*np),
      .lo = 0,
      .hi = INT_MAX,
      .no_sign = false,
      .enter = [np, keep] { return np->sysctl_core_table.enter(); },
      .leave = [np] { np->sysctl_core_table.leave(); },
      .get = [np] { return long(std::atomic_ref<int>(np->core.sysctl_somaxconn).load()); },
      .set = [np](long v) { std::atomic_ref<int>(np->core.sysctl_somaxconn).store(int(v)); },
      // net_ctl_permissions: the net's administrator gets the owner's bits.
      .effective_mode =
          [np](const access_ctx& ctx) -> std::uint32_t {
            if (!ctx.creds || ns_capable(*ctx.creds, np->user_ns(), CAP_NET_ADMIN))
              return replicate_owner_bits(0644);
            return 0644;
          },
  });
  return inode_ptr(std::make_shared<int_ctl_inode>(std::move(ctl)));
}

// /proc/sys/user's entries, in the kernel's table order (enum ucount_type).
constexpr std::pair<std::string_view, ucount_type> user_entries[] = {
    {"max_user_namespaces", ucount_type::user_namespaces},
    {"max_pid_namespaces", ucount_type::pid_namespaces},
    {"max_uts_namespaces", ucount_type::uts_namespaces},
    {"max_ipc_namespaces", ucount_type::ipc_namespaces},
    {"max_net_namespaces", ucount_type::net_namespaces},
    {"max_mnt_namespaces", ucount_type::mnt_namespaces},
    {"max_cgroup_namespaces", ucount_type::cgroup_namespaces},
    {"max_time_namespaces", ucount_type::time_namespaces},
};

std::vector<std::string> user_entry_names() {
  std::vector<std::string> names;
  for (const auto& [name, type] : user_entries) names.emplace_back(name);
  return names;
}

result<inode_ptr> user_entry(user_ns_ref ns, std::string_view name) {
  const auto* found = std::find_if(std::begin(user_entries), std::end(user_entries),
                                   [&](const auto& e) { return e.first == name; });
  if (found == std::end(user_entries)) return errc{ENOENT};
  const ucount_type type = found->second;
  user_namespace* nsp = ns.get();
  auto keep = std::make_shared<user_ns_ref>(std::move(ns));
  auto ctl = std::make_shared<int_ctl>(int_ctl{
      .ino = SYSCTL_INO_BASE + 0x200 + static_cast<std::uint64_t>(type),
      .mode = 0644,
      .owner = {global_root_uid, global_root_gid},
      .lo = 0,
      .hi = INT_MAX,
      .no_sign = true,
      .enter = [keep] { return true; },
      .leave = [] {},
      .get = [nsp, type] { return nsp->ucount_max(type); },
      .set = [nsp, type](long v) { (void)nsp->set_ucount_max(type, v); },
      // set_permissions: CAP_SYS_RESOURCE over the namespace gives the
      // owner's bits to all; everyone else may only read.
      .effective_mode =
          [nsp](const access_ctx& ctx) -> std::uint32_t {
            if (!ctx.creds || ns_capable(*ctx.creds, *nsp, CAP_SYS_RESOURCE))
              return replicate_owner_bits(0644);
            return 0444;
          },
  });
  return inode_ptr(std::make_shared<int_ctl_inode>(std::move(ctl)));
}

// /proc/sys/net/core exists only in each net's own table set: looking it up
// finds the reader's net's, and the directory stays with that net (an open
// fd on it reads that net's entries, and ENOENT once the net's tables are
// gone), where /proc/sys/net, from the default set, follows the reader
// (probed).
inode_ptr net_core_dir(net& n) {
  net* np = &n;
  auto keep = std::make_shared<net_passive_ref>(np->get_passive());
  return std::make_shared<ctl_dir>(
      SYSCTL_INO_BASE + 3, [np, keep](const access_ctx&) { return net_sysctl_owner(*np); },
      std::vector<std::string>{"somaxconn"},
      [np, keep](const access_ctx&, std::string_view name) { return net_core_entry(*np, name); },
      [np, keep] {
        if (!np->sysctl_core_table.enter()) return false;
        np->sysctl_core_table.leave();
        return true;
      });
}

owner_ids global_root_owner(const access_ctx&) { return {global_root_uid, global_root_gid}; }

}  // namespace

inode_ptr make_sys_dir(pid_table& m) {
  pid_table* mp = &m;
  auto net_owner = [mp](const access_ctx& ctx) { return net_sysctl_owner(*reader_net(*mp, ctx)); };
  auto netdir = std::make_shared<ctl_dir>(
      SYSCTL_INO_BASE + 2, net_owner, std::vector<std::string>{"core"},
      [mp](const access_ctx& ctx, std::string_view name) -> result<inode_ptr> {
        if (name != "core") return errc{ENOENT};
        net_ref n = reader_net(*mp, ctx);
        if (!n->sysctl_core_table.enter()) return errc{ENOENT};
        n->sysctl_core_table.leave();
        return net_core_dir(*n);
      });
  auto user = std::make_shared<ctl_dir>(
      SYSCTL_INO_BASE + 4, global_root_owner,
      user_entry_names(),
      [mp](const access_ctx& ctx, std::string_view name) {
        return user_entry(reader_user_ns(*mp, ctx), name);
      });
  return std::make_shared<ctl_dir>(
      SYSCTL_INO_BASE + 1, global_root_owner, std::vector<std::string>{"net", "user"},
      [netdir, user](const access_ctx&, std::string_view name) -> result<inode_ptr> {
        if (name == "net") return inode_ptr(netdir);
        if (name == "user") return inode_ptr(user);
        return errc{ENOENT};
      });
}

}  // namespace netns::fs::procfs_detail
