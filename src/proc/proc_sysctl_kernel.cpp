// SPDX-License-Identifier: GPL-2.0-only
// /proc/sys/kernel and /proc/sys/fs: the entries that belong to a namespace
// of the reader (kernel/utsname_sysctl.c, ipc/ipc_sysctl.c, ipc/mq_sysctl.c).
//
//   kernel/hostname, domainname   the reader's uts namespace (proc_do_uts_string)
//   kernel/shmmax shmall shmmni shm_rmid_forced msgmax msgmnb msgmni sem
//   kernel/msg_next_id sem_next_id shm_next_id   the reader's ipc namespace
//   fs/mqueue/queues_max msg_max msgsize_max msg_default msgsize_default   the same
//
// The uts entries are the global table's: mode 0644, owned by the global
// root, with no permission hook, so writing needs euid 0 of the initial
// user namespace (whoever that is; probed: root of a child user namespace
// mapped to 0 may write its own uts namespace's name, uid 1000 mapped to
// root may not). The ipc entries are per namespace: owned by the
// namespace's root and writable by it (ipc_permissions, ipc_set_ownership).
//   kernel/ns_last_pid   the pid namespace of whoever reads or writes it
// The model's /proc/sys/kernel and /proc/sys/fs have these entries only.
#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <string>

#include "netns/core/capability.hpp"
#include "netns/core/pid_namespace.hpp"
#include "netns/task/pid_table.hpp"
#include "procfs_internal.hpp"
#include "sysctl_files.hpp"

namespace netns::fs::procfs_detail {

namespace {

constexpr int CAP_CHECKPOINT_RESTORE_ = 40;
constexpr std::uint64_t KERNEL_DIR_INO = SYSCTL_INO_BASE + 5;
constexpr std::uint64_t KERNEL_ENTRY_INO = SYSCTL_INO_BASE + 0x300;
constexpr std::uint64_t FS_DIR_INO = SYSCTL_INO_BASE + 6;
constexpr std::uint64_t FS_ENTRY_INO = SYSCTL_INO_BASE + 0x340;

nsproxy_ref reader_nsproxy(pid_table& m, const access_ctx& ctx) {
  if (ctx.pid)
    if (auto t = m.find_task(ctx.pid))
      if (nsproxy_ref p = t->get_nsproxy()) return p;
  return m.init_task().get_nsproxy();
}

owner_ids global_root(const access_ctx&) { return {global_root_uid, global_root_gid}; }

// proc_dostring's write with sysctl_writes_strict: from `pos` (nothing past
// the end of the current text), up to a NUL or newline, at most 64 bytes
// kept; every byte is reported written.
result<std::size_t> store_uts(uts_namespace& ns, bool host, std::string_view data,
                              std::uint64_t pos) {
  new_utsname u = ns.utsname();
  std::string cur = host ? u.nodename : u.domainname;
  if (pos > cur.size()) return data.size();
  std::string next = cur.substr(0, pos);
  for (char c : data) {
    if (c == '\0' || c == '\n' || next.size() >= NEW_UTS_LEN) break;
    next += c;
  }
  auto r = host ? ns.set_hostname(next) : ns.set_domainname(next);
  if (!r) return r.error();
  return data.size();
}

result<inode_ptr> uts_entry(nsproxy_ref p, std::string_view name) {
  const bool host = name == "hostname";
  uts_namespace* ns = p->uts_ns;
  ns->get();
  auto keep = std::shared_ptr<uts_namespace>(ns, [](uts_namespace* n) { n->put(); });
  return make_text_ctl(std::make_shared<text_ctl>(text_ctl{
      .ino = KERNEL_ENTRY_INO + (host ? 0 : 1),
      .mode = 0644,
      .owner = {global_root_uid, global_root_gid},
      .show = [keep, host] {
        new_utsname u = keep->utsname();
        return (host ? u.nodename : u.domainname) + "\n";
      },
      .store = [keep, host](std::string_view data, std::uint64_t pos) {
        return store_uts(*keep, host, data, pos);
      },
      .effective_mode = [](const access_ctx&) -> std::uint32_t { return 0644; },
  }));
}

// ipc_set_ownership: the namespace's root, where it maps.
owner_ids ipc_owner(const ipc_namespace& ns) {
  kuid uid = make_kuid(ns.user_ns(), 0);
  kgid gid = make_kgid(ns.user_ns(), 0);
  return {uid_valid(uid) ? uid : global_root_uid, gid_valid(gid) ? gid : global_root_gid};
}

// ipc_permissions: the next-id entries are 0666 for CAP_CHECKPOINT_RESTORE
// over the namespace's owner; otherwise the namespace's root gets the
// owner's bits, its group the group's, and the bits go to everyone.
std::uint32_t ipc_mode(const ipc_namespace& ns, std::uint32_t mode, bool next_id,
                       const access_ctx& ctx) {
  if (!ctx.creds) return replicate_owner_bits(mode);
  const cred& c = *ctx.creds;
  if (next_id && ns_capable(c, ns.user_ns(), CAP_CHECKPOINT_RESTORE_)) return 0666;
  owner_ids o = ipc_owner(ns);
  if (c.euid == o.uid)
    mode >>= 6;
  else if (c.egid == o.gid)
    mode >>= 3;
  mode &= 7;
  return (mode << 6) | (mode << 3) | mode;
}

struct ipc_int {
  std::string_view name;
  int ipc_sysctls::*field;
  long lo, hi;
  bool next_id;
};
// HARD_MSGMAX, HARD_MSGSIZEMAX and the minimums of ipc/mq_sysctl.c.
constexpr long MQ_HARD_MSGMAX = 65536, MQ_HARD_MSGSIZEMAX = 16 * 1024 * 1024;
constexpr ipc_int mq_ints[] = {
    {"msg_default", &ipc_sysctls::mq_msg_default, 1, MQ_HARD_MSGMAX, false},
    {"msg_max", &ipc_sysctls::mq_msg_max, 1, MQ_HARD_MSGMAX, false},
    {"msgsize_default", &ipc_sysctls::mq_msgsize_default, 128, MQ_HARD_MSGSIZEMAX, false},
    {"msgsize_max", &ipc_sysctls::mq_msgsize_max, 128, MQ_HARD_MSGSIZEMAX, false},
    {"queues_max", &ipc_sysctls::mq_queues_max, INT_MIN, INT_MAX, false},
};
constexpr ipc_int ipc_ints[] = {
    {"shmmni", &ipc_sysctls::shmmni, 0, IPCMNI, false},
    {"shm_rmid_forced", &ipc_sysctls::shm_rmid_forced, 0, 1, false},
    {"msgmax", &ipc_sysctls::msgmax, 0, INT_MAX, false},
    {"msgmnb", &ipc_sysctls::msgmnb, 0, INT_MAX, false},
    {"msgmni", &ipc_sysctls::msgmni, 0, IPCMNI, false},
    {"msg_next_id", &ipc_sysctls::msg_next_id, 0, INT_MAX, true},  // reads -1 until set
    {"sem_next_id", &ipc_sysctls::sem_next_id, 0, INT_MAX, true},
    {"shm_next_id", &ipc_sysctls::shm_next_id, 0, INT_MAX, true},
};

// proc_doulongvec_minmax for one value: no sign, base 0, then a blank or
// the end.
result<std::size_t> store_ulong(std::string_view data, std::uint64_t& out) {
  std::size_t i = 0;
  while (i < data.size() && sysctl_is_space(data[i])) ++i;
  if (i == data.size() || data[i] < '0' || data[i] > '9') return errc{EINVAL};
  std::string digits(data.substr(i, 21));
  char* end = nullptr;
  errno = 0;
  unsigned long long v = std::strtoull(digits.c_str(), &end, 0);
  if (errno == ERANGE || end == digits.c_str()) return errc{EINVAL};
  std::size_t j = i + static_cast<std::size_t>(end - digits.c_str());
  if (j < data.size() && !sysctl_is_space(data[j])) return errc{EINVAL};
  while (j < data.size() && sysctl_is_space(data[j])) ++j;
  out = v;
  return j;
}

// proc_ipc_sem_dointvec: up to four ints (a short write changes the
// first ones), extra values ignored; ERANGE when SEMMNI passes IPCMNI.
result<std::size_t> store_sem(ipc_namespace& ns, std::string_view data) {
  ipc_sysctls v = ns.sysctls();
  std::size_t used = 0;
  int n = 0;
  std::array<int, 4> sem = v.sem;
  while (n < 4 && used < data.size()) {
    long x = 0;
    auto r = parse_int_write(data.substr(used), INT_MIN, INT_MAX, false, x);
    if (!r) {
      if (n == 0) return r.error();
      break;
    }
    sem[static_cast<std::size_t>(n++)] = static_cast<int>(x);
    used += *r;
  }
  if (sem[3] > IPCMNI) return errc{ERANGE};
  v.sem = sem;
  ns.set_sysctls(v);
  return data.size();
}

std::shared_ptr<ipc_namespace> hold_ipc(const nsproxy_ref& p) {
  ipc_namespace* raw = p->ipc_ns;
  raw->get();
  return std::shared_ptr<ipc_namespace>(raw, [](ipc_namespace* n) { n->put(); });
}

// An int entry of `table` bound to ns, or nullptr when there is none by that name.
template <std::size_t N>
inode_ptr ipc_int_entry(const std::shared_ptr<ipc_namespace>& ns, const ipc_int (&table)[N],
                        std::string_view name, std::uint64_t ino) {
  const owner_ids owner = ipc_owner(*ns);
  for (const ipc_int& e : table) {
    if (e.name != name) continue;
    const std::uint32_t mode = e.next_id ? 0444 : 0644;
    const bool next_id = e.next_id;
    int ipc_sysctls::*field = e.field;
    return make_int_ctl(std::make_shared<int_ctl>(int_ctl{
        .ino = ino,
        .mode = mode,
        .owner = owner,
        .lo = e.lo,
        .hi = e.hi,
        .no_sign = false,
        .enter = [] { return true; },
        .leave = [] {},
        .get = [ns, field] { return long(ns->sysctls().*field); },
        .set =
            [ns, field](long v) {
              ipc_sysctls s = ns->sysctls();
              s.*field = static_cast<int>(v);
              ns->set_sysctls(s);
            },
        .effective_mode = [ns, mode, next_id](const access_ctx& ctx) {
          return ipc_mode(*ns, mode, next_id, ctx);
        },
    }));
  }
  return nullptr;
}

result<inode_ptr> ipc_entry(nsproxy_ref p, std::string_view name, std::uint64_t ino) {
  auto ns = hold_ipc(p);
  const owner_ids owner = ipc_owner(*ns);
  if (inode_ptr e = ipc_int_entry(ns, ipc_ints, name, ino)) return e;
  auto text = [&](std::function<std::string()> show,
                  std::function<result<std::size_t>(std::string_view, std::uint64_t)> store) {
    return make_text_ctl(std::make_shared<text_ctl>(text_ctl{
        .ino = ino,
        .mode = 0644,
        .owner = owner,
        .show = std::move(show),
        .store = std::move(store),
        .effective_mode = [ns](const access_ctx& ctx) { return ipc_mode(*ns, 0644, false, ctx); },
    }));
  };
  if (name == "shmmax" || name == "shmall") {
    std::uint64_t ipc_sysctls::*field = name == "shmmax" ? &ipc_sysctls::shmmax : &ipc_sysctls::shmall;
    return text([ns, field] { return std::to_string(ns->sysctls().*field) + "\n"; },
                [ns, field](std::string_view data, std::uint64_t pos) -> result<std::size_t> {
                  if (pos != 0) return data.size();
                  std::uint64_t v = 0;
                  auto used = store_ulong(data, v);
                  if (!used) return used.error();
                  ipc_sysctls s = ns->sysctls();
                  s.*field = v;
                  ns->set_sysctls(s);
                  return *used;
                });
  }
  if (name == "sem") {
    return text(
        [ns] {
          auto s = ns->sysctls().sem;
          return std::to_string(s[0]) + "\t" + std::to_string(s[1]) + "\t" + std::to_string(s[2]) +
                 "\t" + std::to_string(s[3]) + "\n";
        },
        [ns](std::string_view data, std::uint64_t pos) -> result<std::size_t> {
          if (pos != 0) return data.size();
          return store_sem(*ns, data);
        });
  }
  return errc{ENOENT};
}

const char* const kernel_entries[] = {
    "domainname", "hostname",    "msg_next_id", "msgmax", "msgmnb",          "msgmni", "sem",
    "sem_next_id", "shm_next_id", "shm_rmid_forced", "shmall", "shmmax", "shmmni",
};

// The pid namespace a per-pid-namespace entry answers for: that of the
// task reading or writing it (the initial task's for an access from
// outside any task).
auto accessor_pid_ns(pid_table& m) {
  return [mp = &m](const access_ctx& ctx) -> pid_namespace& {
    if (ctx.pid)
      if (auto t = mp->find_task(ctx.pid)) return t->active_pid_ns();
    return mp->init_task().active_pid_ns();
  };
}

// kernel/ns_last_pid (kernel/pid_namespace.c, pid_ns_ctl_handler): one
// entry for everyone, mode 0666, that answers for the pid namespace of
// whoever reads or writes it, when they do: the last pid handed out there.
// A write needs CAP_SYS_ADMIN or CAP_CHECKPOINT_RESTORE over that
// namespace's owner (EPERM before the value is parsed) and sets where the
// next search starts: 0 to pid_max (the model's, 32768).
inode_ptr ns_last_pid_entry(pid_table& m) {
  pid_table* mp = &m;
  auto active = accessor_pid_ns(m);
  return make_int_ctl(std::make_shared<int_ctl>(int_ctl{
      .ino = KERNEL_ENTRY_INO + 0x20,
      .mode = 0666,
      .owner = {global_root_uid, global_root_gid},
      .lo = 0,
      .hi = PID_MAX,
      .no_sign = false,
      .enter = [] { return true; },
      .leave = [] {},
      .get = nullptr,
      .set = nullptr,
      .effective_mode = [](const access_ctx&) -> std::uint32_t { return 0666; },
      .get_for = [mp, active](const access_ctx& ctx) { return long(mp->last_pid_nr(active(ctx))); },
      .set_for = [mp, active](const access_ctx& ctx, long v) { mp->set_last_pid_nr(active(ctx), int(v)); },
      .may_write = [active](const access_ctx& ctx) -> result<void> {
        const user_namespace& owner = active(ctx).user_ns();
        if (ns_capable(*ctx.creds, owner, CAP_SYS_ADMIN) || ns_capable(*ctx.creds, owner, CAP_CHECKPOINT_RESTORE_))
          return ok();
        return errc{EPERM};
      },
  }));
}

// kernel/pid_max (kernel/pid.c, per pid namespace since 6.14): one entry,
// mode 0644 owned by global root, that answers for the pid namespace of
// whoever reads or writes it. No capability is asked for: the mode alone
// decides (a root in a child user namespace, mapped to global root, may
// write it; uid 1000 is EACCES at open). RESERVED_PIDS + 1 to
// PID_MAX_LIMIT, else EINVAL. Probed.
inode_ptr pid_max_entry(pid_table& m) {
  auto active = accessor_pid_ns(m);
  return make_int_ctl(std::make_shared<int_ctl>(int_ctl{
      .ino = KERNEL_ENTRY_INO + 0x21,
      .mode = 0644,
      .owner = {global_root_uid, global_root_gid},
      .lo = RESERVED_PIDS + 1,
      .hi = PID_MAX_LIMIT,
      .no_sign = false,
      .enter = [] { return true; },
      .leave = [] {},
      .get = nullptr,
      .set = nullptr,
      .effective_mode = [](const access_ctx&) -> std::uint32_t { return 0644; },
      .get_for = [active](const access_ctx& ctx) { return long(active(ctx).pid_max()); },
      .set_for = [active](const access_ctx& ctx, long v) { active(ctx).set_pid_max(int(v)); },
      .may_write = [](const access_ctx&) -> result<void> { return ok(); },
  }));
}

}  // namespace

inode_ptr make_fs_sysctl_dir(pid_table& m, std::shared_ptr<sysctl_dentries> cache) {
  pid_table* mp = &m;
  std::vector<std::string> names;
  for (const ipc_int& e : mq_ints) names.emplace_back(e.name);
  auto mqueue = std::make_shared<ctl_dir>(
      FS_DIR_INO + 1, global_root, std::move(names),
      [mp, cache](const access_ctx& ctx, std::string_view name) -> result<inode_ptr> {
        nsproxy_ref p = reader_nsproxy(*mp, ctx);
        if (!p) return errc{ENOENT};
        for (std::size_t i = 0; i < std::size(mq_ints); ++i)
          if (name == mq_ints[i].name)
            return cache->get(p->ipc_ns, name, [&]() -> result<inode_ptr> {
              return ipc_int_entry(hold_ipc(p), mq_ints, name, FS_ENTRY_INO + i);
            });
        return errc{ENOENT};
      });
  return std::make_shared<ctl_dir>(
      FS_DIR_INO, global_root, std::vector<std::string>{"mqueue"},
      [mqueue](const access_ctx&, std::string_view name) -> result<inode_ptr> {
        if (name == "mqueue") return inode_ptr(mqueue);
        return errc{ENOENT};
      });
}

inode_ptr make_kernel_sysctl_dir(pid_table& m, std::shared_ptr<sysctl_dentries> cache) {
  pid_table* mp = &m;
  std::vector<std::string> names(std::begin(kernel_entries), std::end(kernel_entries));
  names.insert(std::find(names.begin(), names.end(), std::string("sem")), "ns_last_pid");
  names.insert(std::find(names.begin(), names.end(), std::string("sem")), "pid_max");
  inode_ptr last_pid = ns_last_pid_entry(m);  // the global table's one dentry
  inode_ptr pid_max = pid_max_entry(m);
  return std::make_shared<ctl_dir>(
      KERNEL_DIR_INO, global_root, std::move(names),
      [mp, cache, last_pid, pid_max](const access_ctx& ctx,
                                     std::string_view name) -> result<inode_ptr> {
        if (name == "ns_last_pid") return last_pid;
        if (name == "pid_max") return pid_max;
        nsproxy_ref p = reader_nsproxy(*mp, ctx);
        if (!p) return errc{ENOENT};
        if (name == "hostname" || name == "domainname")
          return cache->get(p->uts_ns, name, [&] { return uts_entry(std::move(p), name); });
        for (std::size_t i = 0; i < std::size(kernel_entries); ++i)
          if (name == kernel_entries[i])
            return cache->get(p->ipc_ns, name, [&] {
              return ipc_entry(std::move(p), name, KERNEL_ENTRY_INO + 2 + i);
            });
        return errc{ENOENT};
      });
}

}  // namespace netns::fs::procfs_detail
