// SPDX-License-Identifier: GPL-2.0-only
// A small VFS: the tree, path walks, mounts and mount propagation. The
// entry point of the fs layer: it includes inode.hpp (inodes, open files,
// permission), tmpfs.hpp (the in-memory file system of "/" and /run) and
// mount.hpp.
//
// Enough of Linux's file-system semantics for namespace files to be named
// and pinned the way the kernel does it: absolute paths with "." and "..",
// directories, regular files, symlinks (procfs's /proc/self, /proc/net, ns
// links), mkdir / creat (O_EXCL) / unlink / rmdir, open / close, stat and
// lstat, readlink, bind mounts (recursive too) of a file onto a file or a
// directory onto a directory, new tmpfs and proc mounts, lazy unmounts,
// and the propagation types of fs/pnode.c (shared, slave, private,
// unbindable) across the trees of mount namespaces (mnt_namespace.hpp:
// each has a tree of its own, copied from its parent's; access_ctx::root
// says which tree a walk starts in), and mount flags (read-only, nosuid,
// nodev, noexec, atime; a file system's read-only, sync, dirsync,
// lazytime: mount_flags.cpp). Errors are Linux's: ENOENT, ENOTDIR,
// EEXIST, EISDIR, ENOTEMPTY, EBUSY, EINVAL, ELOOP, ENAMETOOLONG, EACCES,
// EPERM, ENODEV, EROFS, EOVERFLOW.
//
// Example:
//   #include "netns/machine/machine.hpp"
//   machine m;                                 // a vfs with /proc and /run/netns
//   fs::vfs& fs = m.vfs();
//   fs::access_ctx root = m.init_task().access();   // credentials, and pid 1 for /proc/self
//   auto f = fs.open(root, "/run/netns/x", O_RDONLY | O_CREAT | O_EXCL, 0);
//   if (!f) return f.error();                  // EEXIST, EACCES, ...
//   if (auto r = fs.mount_bind(root, "/proc/self/ns/net", "/run/netns/x"); !r) return r;
//   return fs.umount(root, "/run/netns/x");    // MNT_DETACH
//
// Walks are RCU walks (the kernel's LOOKUP_RCU): they run inside an
// rcu::read_guard over raw pointers and take no lock and no reference on
// the way; only what the call returns is held. That rests on one rule for
// every inode a lookup can reach: it is freed no sooner than a grace period
// after it was unhooked (tmpfs and mounts wait for one before letting go;
// procfs keeps per-task inodes until the task's exit has waited for one),
// or the lookup hands it back pinned (lookup_ref::pin).
//
// Locking: a directory's writers take its mutex and its readers none; the
// mount table has a mutex (the kernel's namespace_sem and mount_lock in
// one), taken by walks only where a mount sits (inode::mounted_), and
// guarding every mount's namespace and propagation fields. unlink, rmdir,
// umount and the mount calls wait for a grace period, so they must not be
// called inside an rcu::read_guard (drop_ns_tree defers instead).
// Cost: a walk is a hash probe per tmpfs component and no allocation; its
// start is the task's root mount, one load. Propagation and mountinfo
// scan the mount table (O(mounts)); they are not on any hot path.
// In src/fs: vfs.cpp (the calls on paths), walk.cpp (the path walk),
// mount.cpp (the mount table and namespace trees), mount_flags.cpp
// (flags and remount), pnode.cpp (propagation), mountinfo.cpp, inode.cpp,
// tmpfs.cpp.
#pragma once

#include <fcntl.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "netns/base/result.hpp"
#include "netns/base/thread_annotations.hpp"
#include "netns/fs/inode.hpp"
#include "netns/fs/mount.hpp"
#include "netns/fs/statfs.hpp"
#include "netns/fs/proc_options.hpp"
#include "netns/fs/tmpfs.hpp"

namespace netns {
class pid_namespace;  // netns/core/pid_namespace.hpp
}

namespace netns::fs {

// The tree and the mount table.
class id_pool;      // src/fs/mount_ids.hpp
class mnt_namespace;  // mnt_namespace.hpp

// proc_get_tree, the proc layer's (fs cannot see tasks): the root of a new
// proc superblock with the mount's options (`opts`, which a remount
// changes in place), for the pid namespace pidns= named (`pid_ns`) or,
// when it is nullptr, the mounter `ctx`'s active one.
using proc_get_tree = std::function<inode_ptr(
    const access_ctx& ctx, std::shared_ptr<const proc_sb_options> opts, pid_namespace* pid_ns)>;

class vfs {
 public:
  vfs();
  ~vfs();

  // Walks `path` (absolute; "." and ".." allowed; ".." at "/" stays there),
  // following symlinks in every component and, if `follow`, in the last one.
  // Mounts are crossed. ELOOP after 40 links; ENAMETOOLONG past PATH_MAX or a
  // component past NAME_MAX; EINVAL for a relative path.
  result<inode_ptr> resolve(const access_ctx& ctx, std::string_view path, bool follow = true);

  result<void> mkdir(const access_ctx& ctx, std::string_view path, std::uint32_t mode);
  result<void> rmdir(const access_ctx& ctx, std::string_view path);
  result<void> unlink(const access_ctx& ctx, std::string_view path);
  // open(2): O_CREAT (O_EXCL), O_DIRECTORY, O_NOFOLLOW (ELOOP on a symlink),
  // O_PATH; the access mode is checked against the inode's permissions.
  result<file_ptr> open(const access_ctx& ctx, std::string_view path, int flags,
                        std::uint32_t mode = 0);
  result<stat_info> stat(const access_ctx& ctx, std::string_view path);
  // statfs(2): of the mount and file system the path (links followed)
  // leads to (statfs.hpp); fstatfs: of an open file's.
  result<statfs_info> statfs(const access_ctx& ctx, std::string_view path);
  statfs_info fstatfs(const file& f) const;
  result<stat_info> lstat(const access_ctx& ctx, std::string_view path);
  // faccessat: whether path exists (mask 0, F_OK) or may be read, written,
  // searched (MAY_READ, MAY_WRITE, MAY_EXEC: R_OK, W_OK, X_OK's values).
  result<void> access(const access_ctx& ctx, std::string_view path, int mask, bool follow);
  result<std::string> readlink(const access_ctx& ctx, std::string_view path);
  result<std::vector<std::string>> readdir(const access_ctx& ctx, std::string_view path);
  // chroot(2)'s and chdir(2)'s lookup: `path` walked (from the caller's
  // working directory when relative), a directory (ENOTDIR) the caller
  // may search (EACCES); its path is named from the namespace's root,
  // with the directories above it (path_ref).
  result<path_ref> lookup_root(const access_ctx& ctx, std::string_view path);

  // mount --bind SRC DST (not recursive): DST is looked up first (ENOENT,
  // ENOTDIR), then the caller needs CAP_SYS_ADMIN over the owner of its
  // mount namespace (EPERM), then SRC; a mount namespace file not newer
  // than the caller's namespace is EINVAL (mnt_ns_loop); DST on a mount of
  // another namespace, an unbindable SRC mount, or SRC in another
  // namespace (unless a namespace file) is EINVAL; a file goes on a file
  // and a directory on a directory (else ENOTDIR). The mount holds SRC's
  // inode, and so whatever it pins, until unmounted. A bind of a shared
  // mount is its peer; under a shared DST, copies go to DST's peers and
  // slaves.
  // recursive (MS_BIND | MS_REC, mount --rbind): the mounts below SRC are
  // copied below DST too, at the same places, but for unbindable ones.
  // Without it, a locked mount below SRC makes it EINVAL.
  result<void> mount_bind(const access_ctx& ctx, std::string_view src, std::string_view dst,
                          bool recursive = false);
  // mount --move SRC DST (MS_MOVE, do_move_mount): DST's lookup errors,
  // EPERM, SRC's; EINVAL unless SRC is the root of a mount of the
  // caller's namespace, not its root, not locked, whose parent is not
  // shared, and DST is in that namespace too; EINVAL for a tree with an
  // unbindable mount going under a shared DST; ELOOP for DST on or below
  // SRC; EINVAL for a directory onto a file or back. The mount keeps its
  // id and propagation and takes the mounts below it along; under a
  // shared DST its tree is shared (new groups) and copies go to DST's
  // peers and slaves.
  result<void> move_mount(const access_ctx& ctx, std::string_view src, std::string_view dst);
  // umount2(DST, MNT_DETACH): lookup errors, then EPERM, then EINVAL if DST
  // is not the root of a mount of the caller's namespace or is locked
  // (MNT_LOCKED). Mounts below it go with it; the umount propagates to the
  // corresponding mounts of the parent's peers and slaves that have no
  // mounts of their own below them.
  result<void> umount(const access_ctx& ctx, std::string_view dst);
  // mount("", DST, NULL, FLAGS, NULL): FLAGS one of MS_SHARED, MS_SLAVE,
  // MS_PRIVATE, MS_UNBINDABLE, with MS_REC for the whole tree below DST.
  // Lookup errors, then EPERM, then EINVAL if DST is not the root of a
  // mount of the caller's namespace.
  result<void> change_type(const access_ctx& ctx, std::string_view dst, unsigned long flags);
  // mount -t tmpfs|proc SOURCE DST: a new tmpfs, or a new proc of the
  // caller's pid namespace (set_procfs's maker; ENODEV without one). `sb_owner`: the user
  // namespace the new file system belongs to (tmpfs: the caller's; proc:
  // the owner of the caller's pid namespace), over which the caller needs
  // CAP_SYS_ADMIN (EPERM); nullptr for the kernel itself. `mode`: a new
  // tmpfs root's (shmem's default without mode=: 1777).
  // `ms_flags`: mount(2)'s MS_* flags: the mount's (MS_RDONLY, MS_NOSUID,
  // MS_NODEV, MS_NOEXEC, the atime ones; relatime unless told otherwise)
  // and the file system's (MS_RDONLY, MS_SYNCHRONOUS, MS_DIRSYNC,
  // MS_LAZYTIME). `data`: mount(2)'s data, a tmpfs's options (size=,
  // nr_inodes=, mode=, uid=, gid=, ...: tmpfs_options.hpp; EINVAL when
  // bad, before EPERM); a proc's hidepid=, gid=, subset= and pidns=
  // (proc_options.hpp). pidns=PATH (proc_parse_pidns_param) opens PATH as
  // the caller: its lookup's errno, EINVAL unless it is a pid namespace's
  // file, EPERM without CAP_SYS_ADMIN over that namespace's owner, EINVAL
  // unless `active_pid_ns` (the caller's active pid namespace; nullptr:
  // the kernel, no check) is it or an ancestor of it; the proc is then that
  // namespace's, and belongs to its owner instead of `sb_owner`.
  // In a mount namespace of a user namespace other than the initial one,
  // a new proc needs a fully visible proc there (mount_too_revealing: EPERM).
  enum class fs_type { tmpfs, proc };
  result<void> mount_fs(const access_ctx& ctx, fs_type type, std::string_view source,
                        std::string_view dst, const user_namespace* sb_owner = nullptr,
                        std::uint32_t mode = S_ISVTX | 0777, unsigned long ms_flags = 0,
                        std::string_view data = {}, const pid_namespace* active_pid_ns = nullptr);
  // mount(NULL, PATH, NULL, MS_REMOUNT | FLAGS, NULL) (mount_flags.cpp):
  // lookup errors, EPERM, EINVAL without MS_REMOUNT; EINVAL unless PATH is
  // the root of a mount of the caller's namespace; EPERM where the new
  // flags would clear one the mount has locked (MNT_LOCK_*: a tree copied
  // into a namespace of a less privileged user namespace). With MS_BIND
  // the mount's flags are replaced (do_reconfigure_mnt); without it the
  // file system's read-only, sync and lazytime flags too, which needs
  // CAP_SYS_ADMIN over the file system's owner (EPERM) (do_remount). A
  // remount that names no atime flag keeps the mount's. `data` (ignored
  // with MS_BIND) is parsed first, after the locked-flags check: its
  // generic words (ro, sync, ...) join the flags, and a proc's options
  // change those it names (proc_reconfigure; pidns= is EBUSY, bad words
  // EINVAL, and nothing changes); a tmpfs's change as shmem_reconfigure
  // lets them (tmpfs_options.hpp: size=, nr_inodes=, huge=; EINVAL from
  // unlimited to a limit; mode=, uid=, gid= ignored).
  result<void> remount(const access_ctx& ctx, std::string_view path, unsigned long ms_flags,
                       std::string_view data = {});

  // copy_mnt_ns's copy_tree: a copy of the whole tree of the namespace
  // whose root mount is `old_root` (nullptr: the initial one), as the root
  // of namespace `ns`. Shared mounts become peers of the originals, or
  // their slaves when `to_slave` (a namespace of another user namespace:
  // then every copy but the root is MNT_LOCKED). Bind mounts of mount
  // namespace files are left out (mnt_ns_loop's rule).
  mount_ptr copy_tree_for_ns(const vfsmount* old_root, const mnt_namespace& ns, bool to_slave);
  // put_mnt_ns: every mount of the namespace rooted at `root` goes (after
  // a grace period, on the RCU callback thread: callable anywhere).
  void drop_ns_tree(const vfsmount* root);
  // /proc/PID/mountinfo of a task whose namespace's root mount is `root`
  // (nullptr: the initial one), in the namespace's order. `chroot`: the
  // task's root directory's path when it is chrooted ("" when not): only
  // the mounts whose mount point is at or below it are shown, their paths
  // from it (seq_path_root's SEQ_SKIP for what the root cannot reach).
  std::string mountinfo(const vfsmount* root, std::string_view chroot = {});
  // /proc/PID/mounts of the same task: "SOURCE MOUNTPOINT FSTYPE OPTIONS 0 0"
  // lines, in the same order.
  std::string mounts_table(const vfsmount* root, std::string_view chroot = {});
  // d_path of an open file (/proc/PID/fd/N): file::d_path, with the part
  // its mount's place gave it rewritten where that mount (or one above it)
  // has moved since the file was opened (prepend_path walks up the mounts
  // as they are now).
  std::string d_path(const file& f);
  // The path f was opened by, rewritten as d_path does for a move of its
  // mount (or of one above it) since (a walk through its fd link goes on
  // from there). Takes the mount lock only after such a move.
  std::string current_path(const file& f);
  // The initial namespace's root mount.
  const vfsmount* init_root_mount() const { return root_mount_.get(); }

  // The root directory, to attach special file systems (procfs at /proc).
  const std::shared_ptr<tmpfs_dir>& root() const { return root_; }
  // The root mount of a mount namespace whose root is `ns_root` (nullptr:
  // the initial one's, this tree's own), as a task's /proc/PID/root leads.
  const vfsmount& namespace_root(const vfsmount* ns_root) const {
    return ns_root ? *ns_root : *root_mount_;
  }
  // Tells walks where procfs is: `dir`, the root's entry "proc", and its
  // link "self". An attached root stays for the vfs's life (rmdir gives
  // EBUSY), so walks of "/proc/self/..." may enter the reader's
  // /proc/<pid> in one step instead of two lookups and a link (see
  // walker::enter_proc_self). `make`: what mount -t proc mounts.
  // Called once, before any walk.
  void set_procfs(inode* dir, inode* self_link, proc_get_tree make) {
    proc_dir_ = dir;
    proc_self_ = self_link;
    proc_get_tree_ = std::move(make);
  }
  // Inode numbers for tmpfs objects.
  std::uint64_t next_ino();
  // get_next_ino: inode numbers for files with no file system of their own
  // behind them (sockets), a counter of this tree's.
  std::uint64_t get_next_ino() { return next_free_ino_.fetch_add(1, std::memory_order_relaxed); }
  // Mount points currently in use (for tests and /proc/self/mountinfo later).
  std::size_t mount_count();
  // Drops every mount (the machine's teardown).
  void detach_all();

 private:
  using mount = vfsmount;

  class walker;  // one path walk (walk.hpp)
  // The last step of open(): the node's file, named by the walk's path.
  static result<file_ptr> open_at(const access_ctx& ctx, inode& node, int flags, const walker& w);
  // The start of every new mount (do_loopback, do_new_mount): the target
  // walked (its lookup errors, ENOENT for a missing last component), then
  // may_mount's EPERM.
  static result<void> walk_mount_target(walker& d, const access_ctx& ctx, std::string_view dst,
                                        const vfsmount& ns_root);
  // do_loopback's and do_move_mount's frame: inside a read section, the
  // target walked as above, then the source (its lookup errors, ENOENT
  // for a missing last component), then f(d, s, ns_root, replaced); the
  // mounts f puts in `replaced` are let go after a grace period, outside.
  template <class F>
  result<void> with_mount_pair(const access_ctx& ctx, std::string_view src, std::string_view dst,
                               F&& f);
  // Walks `path` and calls f(inode&) inside the walk's read section; the
  // walk's error, or ENOENT for a missing last component, instead.
  template <class F>
  auto at_node(const access_ctx& ctx, std::string_view path, bool follow, F&& f)
      -> decltype(f(std::declval<inode&>()));
  // For rmdir and unlink: walks `path` without following a final link,
  // runs check(walker) inside the read section, and hands back the parent
  // (held) and the name, to be removed after the read section ends.
  struct removal {
    inode_ptr parent;
    std::string name;
  };
  template <class Check>
  result<removal> to_remove(const access_ctx& ctx, std::string_view path, Check&& check);
  // Steps from (mnt, node) through every mount stacked there. Most inodes
  // have none: one atomic load decides.
  void follow_mounts(const mount*& mnt, inode*& node) {
    if (node->mounted_.load(std::memory_order_acquire) != 0) follow_mounts_slow(mnt, node);
  }
  void follow_mounts_slow(const mount*& mnt, inode*& node);
  // Puts m on (parent, point), replacing what was there (into `replaced`).
  void add_mount_locked(const mount* parent, const inode* point, mount_ptr m,
                        std::vector<mount_ptr>& replaced) NETNS_REQUIRES(mounts_lock_);
  // The namespace a walk of `ctx` is in: its root mount.
  const mount* ns_root_of(const access_ctx& ctx) const {
    return ctx.root ? ctx.root : root_mount_.get();
  }
  // A new mount of `sb` showing `root` (root_path within sb), an id and a
  // place in the creation order; not yet attached.
  std::shared_ptr<vfsmount> new_mount(std::shared_ptr<const mount> parent, inode_ptr point,
                                      inode_ptr root, std::string at,
                                      std::shared_ptr<const super_info> sb, std::string root_path)
      NETNS_REQUIRES(mounts_lock_);
  // clone_mnt: a new mount like `old` (its file system, root) with the
  // propagation the CL_* flags give (pnode.hpp); `root` (root_path in
  // its file system) in place of old's for a bind of a directory inside.
  std::shared_ptr<vfsmount> clone_mnt(const mount* old, std::shared_ptr<const mount> parent,
                                      inode_ptr point, std::string at, int cl_flags,
                                      inode_ptr root = nullptr, std::string root_path = {})
      NETNS_REQUIRES(mounts_lock_);
  // copy_tree below `top` (the copy of `src` made already): the mounts of
  // src's tree whose mount points lie at or below `src_path`, parents
  // first, each with the CL_* flags; unbindable ones (unless
  // CL_COPY_UNBINDABLE) and mount namespace files (unless
  // CL_COPY_MNT_NS_FILE) are left out with everything below them.
  void copy_below(const mount* src, const std::string& src_path, mount_ptr top,
                  const std::string& top_path, int cl_flags, std::vector<mount_ptr>& out)
      NETNS_REQUIRES(mounts_lock_);
  // The mounts whose parent is `m`, in creation order.
  std::vector<const mount*> children_of(const mount* m) NETNS_REQUIRES(mounts_lock_);
  // `top` and every mount below it, depth first, parents first, each
  // level in creation order (next_mnt's walk).
  std::vector<const mount*> subtree_of(const mount* top) NETNS_REQUIRES(mounts_lock_);
  // Attaches a tree made by new_mount/clone_mnt/copy_below (`tree` parents
  // first; tree[0] goes on (parent, point)) in namespace `ns_root`.
  void attach_tree(std::vector<mount_ptr>& tree, const mount* ns_root,
                   std::vector<mount_ptr>& replaced) NETNS_REQUIRES(mounts_lock_);
  // attach_recursive_mnt: `tree` goes on (dest, point); when dest is
  // shared, its mounts get peer groups and copies go to dest's peers and
  // slaves (propagate_mnt). pnode.cpp.
  void graft_tree(std::vector<mount_ptr>& tree, const mount* dest, inode* point,
                  const std::string& point_fs_path, std::vector<mount_ptr>& replaced)
      NETNS_REQUIRES(mounts_lock_);
  // umount_tree with propagate_umount: `top` and every mount below it, and
  // the mounts propagation takes with them, are unhooked into `gone`.
  void umount_tree(const mount* top, std::vector<mount_ptr>& gone) NETNS_REQUIRES(mounts_lock_);
  // Unhooks one mount (it stays in memory, as `gone` holds it).
  void unhook_locked(const mount* m, std::vector<mount_ptr>& gone) NETNS_REQUIRES(mounts_lock_);
  // mnt_change_mountpoint in two halves: take_out_locked takes an attached
  // mount off its place (it stays in its namespace, with the mounts on
  // it), put_at_locked puts it on (parent, point), which must be free.
  // The old parent goes into `old`, to be let go after a grace period
  // (d_path walks up without the lock).
  mount_ptr take_out_locked(const mount* m) NETNS_REQUIRES(mounts_lock_);
  void put_at_locked(mount_ptr m, const mount* parent, inode_ptr point,
                     std::vector<mount_ptr>& old) NETNS_REQUIRES(mounts_lock_);
  // The mount at (m, m's root) and on it, up to the last (m if none).
  const mount* topmost_on_root(const mount* m) NETNS_REQUIRES(mounts_lock_);
  // Peer groups (pnode.cpp).
  peer_group* alloc_group() NETNS_REQUIRES(mounts_lock_);
  void set_shared(const mount* m, peer_group* g, const mount* after = nullptr)
      NETNS_REQUIRES(mounts_lock_);
  void set_master(const mount* m, peer_group* g, bool at_front = false)
      NETNS_REQUIRES(mounts_lock_);
  void leave_group(const mount* m) NETNS_REQUIRES(mounts_lock_);
  void change_mnt_propagation(const mount* m, unsigned long type) NETNS_REQUIRES(mounts_lock_);
  // The mounts propagation from `m` reaches: its peers, then its groups'
  // slaves and their peers, recursively (not `m` itself).
  std::vector<const mount*> propagation_targets(const mount* m) NETNS_REQUIRES(mounts_lock_);
  void propagate_to(peer_group* x, const mount* tree_top, const mount* skip, inode* point,
                    const std::string& point_fs_path, std::vector<mount_ptr>& replaced)
      NETNS_REQUIRES(mounts_lock_);
  // Makes the copy of `tree_top`'s tree for target `m` (nullptr when m
  // does not see the mount point, or has a mount there already).
  const mount* propagate_one(const mount* m, const mount* tree_top, int cl_flags, inode* point,
                             const std::string& point_fs_path,
                             std::vector<mount_ptr>& replaced)
      NETNS_REQUIRES(mounts_lock_);
  // Whether m's file system is busy for a remount to read-only: an inode
  // of it removed but still in use, or a file open for writing through
  // any of its mounts (lazily unmounted ones too). mount_flags.cpp.
  bool sb_has_writers(const mount& m) NETNS_REQUIRES(mounts_lock_);
  // mount_too_revealing for a new proc of mount flags `new_flags` in the
  // namespace whose root mount is `ns_root` (mount_visible.cpp): in a
  // namespace of a user namespace other than the initial one, true unless
  // a proc there is fully visible (mnt_already_visible), whose locked
  // read-only and atime then go into `new_flags`.
  bool mount_too_revealing(const mount* ns_root, unsigned& new_flags) NETNS_REQUIRES(mounts_lock_);
  // The user namespace owning the namespace whose root mount is
  // `ns_root`; nullptr for the initial user namespace.
  static const user_namespace* ns_userns(const mount* ns_root);
  // The namespace's mounts (its root first), in mountinfo's order.
  std::vector<const mount*> ns_mounts_in_order(const vfsmount* root) NETNS_REQUIRES(mounts_lock_);
  // Lets go of unhooked mounts once no walk can still be on them.
  static void release_after_grace_period(std::vector<mount_ptr>& gone);

  std::shared_ptr<tmpfs_dir> root_;
  std::shared_ptr<mount_id_pool> mount_ids_;  // before root_mount_: it gives its id back
  std::shared_ptr<const super_info> root_sb_, proc_sb_, nsfs_sb_;
  // statfs of node in mnt, the world's procfs told from the root tmpfs.
  statfs_info statfs_at(const vfsmount* mnt, const inode& node) const;
  mount_ptr root_mount_;
  inode* proc_dir_ = nullptr;   // set_procfs
  inode* proc_self_ = nullptr;
  proc_get_tree proc_get_tree_;  // set_procfs
  std::atomic<std::uint64_t> next_free_ino_{10000};
  mutex mounts_lock_;
  std::map<std::pair<const mount*, const inode*>, mount_ptr> mounts_
      NETNS_GUARDED_BY(mounts_lock_);
  std::uint64_t mount_seq_ NETNS_GUARDED_BY(mounts_lock_) = 0;
  // The first seq of the mounts made by the graft under way (IS_MNT_NEW:
  // they are no propagation targets of it).
  std::uint64_t new_since_ NETNS_GUARDED_BY(mounts_lock_) = 0;
  // The user namespace owning the namespace the graft under way is made
  // in (nullptr: the initial one): a copy it propagates into a namespace
  // of another one has its flags locked (pnode.cpp).
  const user_namespace* graft_userns_ NETNS_GUARDED_BY(mounts_lock_) = nullptr;
  std::uint32_t tmpfs_minor_ NETNS_GUARDED_BY(mounts_lock_) = 40;  // get_anon_bdev's, roughly
  std::unique_ptr<id_pool> group_ids_;  // under mounts_lock_
  std::map<int, std::unique_ptr<peer_group>> groups_ NETNS_GUARDED_BY(mounts_lock_);
  // Namespace trees queued for freeing (drop_ns_tree); ~vfs waits for them.
  std::atomic<int> pending_drops_{0};
};

}  // namespace netns::fs
