// SPDX-License-Identifier: GPL-2.0-only
// Mount flags (fs/namespace.c's path_mount, do_reconfigure_mnt,
// do_remount, can_change_locked_flags, lock_mnt_tree; fs/proc_namespace.c's
// option text) and vfs::remount.
#include "mount_flags.hpp"

#include <sys/mount.h>

#include <cerrno>

#include "netns/base/rcu.hpp"
#include "netns/fs/mnt_namespace.hpp"
#include "netns/fs/vfs.hpp"
#include "mount_data.hpp"
#include "tmpfs_options.hpp"
#include "walk.hpp"

namespace netns::fs {

unsigned mnt_flags_of(unsigned long ms, unsigned current) {
  unsigned fl = 0;
  if (!(ms & MS_NOATIME)) fl |= mnt_relatime;  // the default since 2.6.30
  if (ms & MS_NOSUID) fl |= mnt_nosuid;
  if (ms & MS_NODEV) fl |= mnt_nodev;
  if (ms & MS_NOEXEC) fl |= mnt_noexec;
  if (ms & MS_NOATIME) fl |= mnt_noatime;
  if (ms & MS_NODIRATIME) fl |= mnt_nodiratime;
  if (ms & MS_STRICTATIME) fl &= ~(mnt_relatime | mnt_noatime);
  if (ms & MS_RDONLY) fl |= mnt_readonly;
  if (ms & MS_NOSYMFOLLOW) fl |= mnt_nosymfollow;
  // A remount that says nothing of atime keeps the mount's (so that
  // "remount,bind,ro" does not reset noatime to relatime).
  if ((ms & MS_REMOUNT) && !(ms & (MS_NOATIME | MS_NODIRATIME | MS_RELATIME | MS_STRICTATIME))) {
    fl &= ~mnt_atime_mask;
    fl |= current & mnt_atime_mask;
  }
  return fl;
}

unsigned sb_flags_of(unsigned long ms) {
  return static_cast<unsigned>(ms) & (sb_rdonly | sb_synchronous | sb_dirsync | sb_lazytime);
}

bool can_change_locked_flags(unsigned fl, unsigned mnt_flags) {
  if ((fl & mnt_lock_readonly) && !(mnt_flags & mnt_readonly)) return false;
  if ((fl & mnt_lock_nodev) && !(mnt_flags & mnt_nodev)) return false;
  if ((fl & mnt_lock_nosuid) && !(mnt_flags & mnt_nosuid)) return false;
  if ((fl & mnt_lock_noexec) && !(mnt_flags & mnt_noexec)) return false;
  if ((fl & mnt_lock_atime) && (fl & mnt_atime_mask) != (mnt_flags & mnt_atime_mask)) return false;
  return true;
}

unsigned lock_flags_of(unsigned fl) {
  unsigned locks = mnt_lock_atime;
  if (fl & mnt_readonly) locks |= mnt_lock_readonly;
  if (fl & mnt_nodev) locks |= mnt_lock_nodev;
  if (fl & mnt_nosuid) locks |= mnt_lock_nosuid;
  if (fl & mnt_noexec) locks |= mnt_lock_noexec;
  return locks;
}

std::string show_mnt_opts(unsigned fl) {
  static constexpr struct {
    unsigned flag;
    const char* text;
  } opts[] = {{mnt_nosuid, ",nosuid"},         {mnt_nodev, ",nodev"},     {mnt_noexec, ",noexec"},
              {mnt_noatime, ",noatime"},       {mnt_nodiratime, ",nodiratime"},
              {mnt_relatime, ",relatime"},     {mnt_nosymfollow, ",nosymfollow"}};
  std::string out;
  for (const auto& o : opts)
    if (fl & o.flag) out += o.text;
  return out;
}

std::string show_sb_opts(unsigned sb) {
  std::string out;
  if (sb & sb_synchronous) out += ",sync";
  if (sb & sb_dirsync) out += ",dirsync";
  if (sb & sb_lazytime) out += ",lazytime";
  return out;
}

namespace {

const user_namespace& init_userns_of(const cred& c) {
  const user_namespace* ns = c.user_ns.get();
  while (ns->parent()) ns = ns->parent();
  return *ns;
}

// set_mount_attributes: the user-settable flags replaced, the rest kept.
void set_mount_attributes(const vfsmount& m, unsigned mnt_flags) {
  const unsigned kept = m.flags.load(std::memory_order_relaxed) & ~mnt_user_settable_mask;
  m.flags.store(mnt_flags | kept, std::memory_order_release);
}

}  // namespace

bool vfs::sb_has_writers(const mount& m) {
  // sb_prepare_remount_readonly: a removed inode still in use first
  // (s_remove_count), then a writer through any of the file system's
  // mounts. (A read-only mount has none: mnt_make_readonly refuses one
  // that has, and a writer of one gives its count back at once.)
  if (m.sb->tmpfs_space && m.sb->tmpfs_space->remove_count() > 0) return true;
  return m.sb->writers.load() > 0;
}

namespace {

// What a remount's data says: the generic words (for the superblock
// flags, and the set of flags the remount decides), and a proc's or a
// tmpfs's own options.
struct remount_data {
  unsigned sb_set = 0, sb_clear = 0;
  proc_mount_opts proc;
  unsigned proc_given = 0;  // proc_param_*
  tmpfs_params tmpfs;       // from nothing: only what the data names
};

// parse_monolithic_mount_data for a reconfigure, by the file system's
// parser; a file system with none of its own words (nsfs) takes the
// generic ones only.
result<void> parse_remount_data(const super_info& sb, std::string_view data, const cred* c,
                                remount_data& d) {
  if (sb.proc) {
    // proc_parse_param: a proc's pid namespace cannot change, whatever
    // the value (before it is looked at).
    auto pidns = [](std::string_view) -> result<void> { return errc{EBUSY}; };
    return parse_proc_data(data, c, d.proc, d.proc_given, d.sb_set, d.sb_clear, pidns);
  }
  if (sb.tmpfs) {
    if (auto r = parse_tmpfs_data(data, c, d.tmpfs); !r) return r;
    d.sb_set = d.tmpfs.sb_set;
    d.sb_clear = d.tmpfs.sb_clear;
    return ok();
  }
  return for_each_data_word(data, [&](std::string_view word) -> result<void> {
    if (sb_word(word, d.sb_set, d.sb_clear)) return ok();
    return errc{EINVAL};
  });
}

}  // namespace

result<void> vfs::remount(const access_ctx& ctx, std::string_view path, unsigned long ms_flags,
                          std::string_view data) {
  rcu::read_guard g;
  const mount* ns_root = ns_root_of(ctx);
  walker w(*this, ctx);
  if (auto r = w.run(path, true); !r) return r.error();
  if (!w.node) return errc{ENOENT};
  // may_mount: CAP_SYS_ADMIN over the owner of the caller's namespace.
  if (ctx.creds) {
    const user_namespace& owner =
        ns_root->owner_ns ? ns_root->owner_ns->user_ns() : init_userns_of(*ctx.creds);
    if (!ns_capable(*ctx.creds, owner, CAP_SYS_ADMIN)) return errc{EPERM};
  }
  // Without MS_REMOUNT this is a new mount of no type or a bind of no
  // source: EINVAL either way.
  if (!(ms_flags & MS_REMOUNT)) return errc{EINVAL};
  lock_guard l(mounts_lock_);
  const mount* m = w.mnt;
  // check_mnt, then path_mounted: the root of a mount of this namespace.
  if (m->ns_root != ns_root || w.node != m->root.get()) return errc{EINVAL};
  const unsigned fl = m->flags.load(std::memory_order_relaxed);
  const unsigned mnt_flags = mnt_flags_of(ms_flags, fl);
  if (!can_change_locked_flags(fl, mnt_flags)) return errc{EPERM};
  if (ms_flags & MS_BIND) {  // do_reconfigure_mnt: this mount alone
    // mnt_make_readonly: not while a file is open for writing in it.
    if ((mnt_flags & mnt_readonly) && !(fl & mnt_readonly)) {
      m->flags.store(fl | mnt_readonly);
      if (m->writers.load() > 0) {
        m->flags.store(fl);
        return errc{EBUSY};
      }
    }
    set_mount_attributes(*m, mnt_flags);
    return ok();
  }
  // do_remount: the data first (its errors before EPERM), then the file
  // system itself, by whoever has CAP_SYS_ADMIN over its owner (a tmpfs
  // of the initial user namespace cannot be remounted from a child one),
  // and then the mount's flags as with MS_BIND.
  remount_data d;
  if (auto r = parse_remount_data(*m->sb, data, ctx.creds, d); !r) return r;
  if (ctx.creds) {
    const user_namespace& sb_owner = m->sb->owner ? *m->sb->owner : init_userns_of(*ctx.creds);
    if (!ns_capable(*ctx.creds, sb_owner, CAP_SYS_ADMIN)) return errc{EPERM};
  }
  // reconfigure_super: the flags MS_RMT_MASK covers, and those the data's
  // generic words name, as the remount says.
  const unsigned decided = sb_remount_mask | d.sb_set | d.sb_clear;
  const unsigned wanted = ((sb_flags_of(ms_flags) | d.sb_set) & ~d.sb_clear) & decided;
  const unsigned old = m->sb->sb_flags.load(std::memory_order_relaxed);
  if ((wanted & sb_rdonly) && !(old & sb_rdonly)) {
    // sb_prepare_remount_readonly: not while a file of it is open for
    // writing through a mount that is not read-only itself.
    m->sb->sb_flags.store(old | sb_rdonly);
    if (sb_has_writers(*m)) {
      m->sb->sb_flags.store(old);
      return errc{EBUSY};
    }
  }
  // The file system's reconfigure: a proc's options the data named, the
  // others kept (proc_reconfigure); a tmpfs's, which may refuse them
  // (shmem_reconfigure: then a read-only switch made just now is undone).
  if (m->sb->proc) m->sb->proc->apply(d.proc, d.proc_given);
  if (m->sb->tmpfs) {
    if (auto r = reconfigure_tmpfs(d.tmpfs, *m->sb->tmpfs, m->sb->tmpfs_space.get()); !r) {
      m->sb->sb_flags.store(old);
      return r;
    }
    m->sb->options = show_tmpfs_options(*m->sb->tmpfs);
  }
  m->sb->sb_flags.store((old & ~decided) | wanted);
  set_mount_attributes(*m, mnt_flags);
  return ok();
}

}  // namespace netns::fs
