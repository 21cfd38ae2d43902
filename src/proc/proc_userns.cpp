// SPDX-License-Identifier: GPL-2.0-only
// /proc/<pid>/uid_map, gid_map and setgroups (kernel/user_namespace.c).
//
// Each file shows the user namespace of the task at open time. Writes follow
// the kernel's rules in its order: one write at offset 0 of less than a page;
// a map is written once; the opener needs CAP_SYS_ADMIN over the namespace
// and must be in it or its parent; unprivileged writers may map only their
// own euid (or egid, once setgroups is denied); lower ids must map in the
// parent namespace.
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <vector>

#include <fmt/format.h>

#include "netns/base/thread_annotations.hpp"
#include "procfs_internal.hpp"

namespace netns::fs::procfs_detail {

namespace {

constexpr std::size_t PAGE_SIZE_ = 4096;

std::uint64_t id_file_ino(int pid, id_file which, bool thread) {
  pid_entry e = which == id_file::uid_map   ? pid_entry::uid_map
                : which == id_file::gid_map ? pid_entry::gid_map
                                            : pid_entry::setgroups;
  return pid_ino(pid, e, thread);
}

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }
const char* skip_spaces(const char* p) {
  while (*p && is_space(*p)) ++p;
  return p;
}
// simple_strtoul(p, &end, 10), truncated to 32 bits as the kernel stores it.
std::uint32_t strtou32(const char*& p) {
  unsigned long long v = 0;
  while (*p >= '0' && *p <= '9') v = v * 10 + unsigned(*p++ - '0');
  return static_cast<std::uint32_t>(v);
}

// map_write's parser: lines of "first lower count"; EINVAL for anything else.
result<std::vector<uid_gid_extent>> parse_map(std::string text) {
  std::vector<uid_gid_extent> out;
  char* pos = text.data();
  while (pos) {
    char* next_line = std::strchr(pos, '\n');
    if (next_line) {
      *next_line++ = '\0';
      if (*next_line == '\0') next_line = nullptr;
    }
    const char* p = skip_spaces(pos);
    uid_gid_extent e;
    e.first = strtou32(p);
    if (!is_space(*p)) return errc{EINVAL};
    p = skip_spaces(p);
    e.lower_first = strtou32(p);
    if (!is_space(*p)) return errc{EINVAL};
    p = skip_spaces(p);
    e.count = strtou32(p);
    if (*p && !is_space(*p)) return errc{EINVAL};
    p = skip_spaces(p);
    if (*p != '\0') return errc{EINVAL};
    out.push_back(e);
    if (out.size() > UID_GID_MAP_MAX_EXTENTS) return errc{EINVAL};
    pos = next_line;
  }
  return out;
}

// An open id file: the namespace it shows and the opener's credentials
// (f_cred), which every later permission check uses.
class id_open_file final : public file {
 public:
  id_open_file(inode_ptr ino, int flags, id_file which, user_ns_ref ns, cred opener)
      : file(std::move(ino), flags), which_(which), ns_(std::move(ns)), f_cred_(std::move(opener)) {}
  // A seq_file in the kernel: no SEEK_END.
  result<std::int64_t> llseek(std::int64_t offset, int whence) override { return seq_llseek(offset, whence); }

  result<std::string> read(const access_ctx&, std::size_t count) override {
    if ((flags_ & O_ACCMODE) == O_WRONLY) return errc{EBADF};
    lock_guard l(lock_);
    std::string text = render();
    if (pos_ >= text.size()) return std::string();
    std::string out = text.substr(pos_, count);
    pos_ += out.size();
    return out;
  }

  result<std::size_t> write(const access_ctx&, std::string_view data) override {
    if ((flags_ & O_ACCMODE) == O_RDONLY) return errc{EBADF};
    lock_guard l(lock_);
    if (pos_ != 0) return errc{EINVAL};
    if (which_ == id_file::setgroups) return write_setgroups(data);
    if (data.size() >= PAGE_SIZE_) return errc{EINVAL};
    user_namespace& ns = *ns_;
    const user_namespace& seq_ns = *f_cred_.user_ns;
    // proc_{uid,gid}_map_write: not the initial namespace, and only from
    // the namespace itself or its parent.
    if (!ns.parent()) return errc{EPERM};
    if (&seq_ns != &ns && &seq_ns != ns.parent()) return errc{EPERM};
    const bool uid = which_ == id_file::uid_map;
    const int cap_setid = uid ? CAP_SETUID : CAP_SETGID;
    map_write_perm perm{
        .may_adjust = [&] { return ns_capable(f_cred_, ns, CAP_SYS_ADMIN); },
        .idmap_permitted =
            [&](std::span<const uid_gid_extent> ext) { return idmap_permitted(ns, cap_setid, ext); },
    };
    // The kernel checks "already written" and the capability before it
    // parses; set_*_map does both first, so parse errors must wait for them.
    const uid_gid_map& map = uid ? ns.uid_map() : ns.gid_map();
    if (map.written() || !perm.may_adjust()) return errc{EPERM};
    auto extents = parse_map(std::string(data));
    if (!extents) return extents.error();
    auto r = uid ? ns.set_uid_map(*extents, &perm) : ns.set_gid_map(*extents, &perm);
    if (!r) return r.error();
    pos_ = data.size();
    return data.size();
  }

 private:
  // new_idmap_permitted
  bool idmap_permitted(const user_namespace& ns, int cap_setid,
                       std::span<const uid_gid_extent> ext) const {
    // One id, the writer's own, needs no privilege (for gids only once
    // setgroups is denied).
    if (ext.size() == 1 && ext[0].count == 1 && ns.owner() == f_cred_.euid) {
      std::uint32_t id = ext[0].lower_first;
      if (cap_setid == CAP_SETUID && make_kuid(*ns.parent(), id) == f_cred_.euid) return true;
      if (cap_setid == CAP_SETGID && !ns.setgroups_allowed() &&
          make_kgid(*ns.parent(), id) == f_cred_.egid)
        return true;
    }
    // Otherwise the capability over the parent, both now (the writer) and
    // at open (the opener): in the model they are the same credentials.
    return ns_capable(f_cred_, *ns.parent(), cap_setid);
  }

  result<std::size_t> write_setgroups(std::string_view data) {
    if (data.size() >= 8) return errc{EINVAL};
    std::string buf(data);
    const char* p = buf.c_str();
    bool allow;
    if (buf.compare(0, 5, "allow") == 0) {
      allow = true;
      p += 5;
    } else if (buf.compare(0, 4, "deny") == 0) {
      allow = false;
      p += 4;
    } else {
      return errc{EINVAL};
    }
    p = skip_spaces(p);
    if (*p != '\0') return errc{EINVAL};
    if (auto r = ns_->set_setgroups(allow); !r) return r.error();
    pos_ = data.size();
    return data.size();
  }

  std::string render() const {
    if (which_ == id_file::setgroups)
      return ns_->setgroups_allowed() ? "allow\n" : "deny\n";
    // uid_m_show: lower ids as the opener's namespace sees them, or its
    // parent's when the opener reads its own namespace's map.
    const user_namespace* lower_ns = f_cred_.user_ns.get();
    if (lower_ns == ns_.get() && lower_ns->parent()) lower_ns = lower_ns->parent();
    const bool uid = which_ == id_file::uid_map;
    const uid_gid_map& map = uid ? ns_->uid_map() : ns_->gid_map();
    std::string out;
    for (const uid_gid_extent& e : map.extents()) {
      std::uint32_t lower = uid ? from_kuid(*lower_ns, kuid{e.lower_first})
                                : from_kgid(*lower_ns, kgid{e.lower_first});
      fmt::format_to(std::back_inserter(out), "{:>10} {:>10} {:>10}\n", e.first, lower, e.count);
    }
    return out;
  }

  mutex lock_;
  id_file which_;
  user_ns_ref ns_;
  cred f_cred_;
};

class id_file_inode final : public inode {
 public:
  id_file_inode(std::shared_ptr<task> t, id_file which, bool thread)
      : inode(S_IFREG), task_(std::move(t)), which_(which), thread_(thread) {}
  result<stat_info> getattr(const access_ctx&) const override {
    auto [uid, gid] = task_dump_owner(*task_, S_IFREG | 0644);
    return proc_stat(id_file_ino(task_->pid(), which_, thread_), S_IFREG | 0644, uid, gid);
  }
  result<file_ptr> open(const access_ctx& ctx, int flags, inode_ptr self) override {
    // proc_id_map_open starts from EINVAL, proc_setgroups_open from ESRCH:
    // what a dead task's file gives (probed).
    if (task_->exited()) return errc{which_ == id_file::setgroups ? ESRCH : EINVAL};
    cred target = task_->creds();
    user_ns_ref ns = target.user_ns.clone();
    cred opener = ctx.creds ? *ctx.creds : cred::root(*ns);
    // proc_setgroups_open: writers need CAP_SYS_ADMIN over the namespace.
    if (which_ == id_file::setgroups && (flags & O_ACCMODE) != O_RDONLY &&
        !ns_capable(opener, *ns, CAP_SYS_ADMIN))
      return errc{EPERM};
    return file_ptr(std::make_shared<id_open_file>(std::move(self), flags, which_,
                                                   std::move(ns), std::move(opener)));
  }

 private:
  std::shared_ptr<task> task_;
  id_file which_;
  bool thread_;
};

}  // namespace

inode_ptr make_id_file(std::shared_ptr<task> t, id_file which, bool thread) {
  return std::make_shared<id_file_inode>(std::move(t), which, thread);
}

}  // namespace netns::fs::procfs_detail
