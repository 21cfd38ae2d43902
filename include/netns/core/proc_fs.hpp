// SPDX-License-Identifier: GPL-2.0-only
// Per-namespace /proc/net entries and seq_file, as subsystems use them
// (include/linux/proc_fs.h, fs/proc/proc_net.c, fs/seq_file.c).
//
// Every net has its own tree of proc_dir_entry objects under n.proc_net()
// (with a "stat" subdirectory at n.proc_net_stat()), made by the proc-net
// pernet subsystem. A subsystem's files are declared in its
// pernet_operations (proc_files): the tree and those files are made when
// the namespace's /proc/net is first looked at, so a namespace nobody
// looks into costs nothing here. A subsystem can also add files from its
// init and remove them from its exit, as in the kernel:
//
// Example:
//   #include "netns/subsys/builtin.hpp"
//   auto k = boot();
//   net& n = k->init_net();
//   proc_single_show_t show = [](seq_file& m, void*) {
//     m.printf("sockets: used {}\n", 0);
//     return 0;
//   };
//   auto e = proc_create_net_single("sockstat", 0444, n.proc_net(), show, nullptr);
//   if (!e) return e.error();                       // EEXIST, ENOSPC, ...
//   remove_proc_entry("sockstat", n.proc_net());    // waits for readers, closes open files
//
//   // or, declared once for every namespace:
//   static const proc_net_file files[] = {{.name = "sockstat", .show = show}};
//   pernet_operations ops{.name = "sockstat", .proc_files = files, .proc_files_count = 1};
//
// procfs (proc/procfs) shows the tree of the reader's task at /proc/<pid>/net.
// Opening a file takes maybe_get_net on its namespace (ENXIO once the net is
// dying) and keeps that reference until the last close; a read produces
// records on demand through the seq_operations, like seq_read.
//
// Entries draw their inode numbers from the kernel's proc inode allocator,
// the one namespaces use, when they are made: for a tree made lazily that
// is at its first lookup, not right after the namespace's own number as on
// Linux (where the numbers of a namespace's dozens of entries are no
// closer to each other than anyone can rely on either).
//
// Locking: the kernel's proc_subdir_lock, one per namespace's tree here,
// guards the subdir lists of the namespace's
// entries. Each entry has rundown protection: an operation in
// progress holds it, remove_proc_entry waits for it, and later operations on
// an open file fail with EIO (open with ENOENT).
#pragma once

#include <fmt/format.h>

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <vector>
#include <memory>
#include <string>
#include <string_view>

#include "netns/base/result.hpp"
#include "netns/base/rundown.hpp"
#include "netns/base/thread_annotations.hpp"
#include "netns/base/thread_cache_allocator.hpp"
#include "netns/core/ids.hpp"
#include "netns/core/net.hpp"
#include "netns/core/pernet.hpp"

namespace netns {

class seq_file;
struct proc_dir_entry;
using pde_ptr = std::shared_ptr<proc_dir_entry>;
using pde_list = std::vector<pde_ptr, thread_cache_allocator<pde_ptr>>;

// start() returns this for the header line before the first record.
inline void* const SEQ_START_TOKEN = reinterpret_cast<void*>(1);
// show() returns this to drop what it printed for the record.
inline constexpr int SEQ_SKIP = 1;

// Record iteration. `pos` counts records (SEQ_START_TOKEN included); start
// positions at *pos, next advances it; stop ends a batch (start and stop
// bracket whatever lock the iteration needs). show prints one record and
// returns 0, SEQ_SKIP or a negative errno.
struct seq_operations {
  void* (*start)(seq_file& m, std::int64_t* pos);
  void (*stop)(seq_file& m, void* v);
  void* (*next)(seq_file& m, void* v, std::int64_t* pos);
  int (*show)(seq_file& m, void* v);
};
using proc_single_show_t = int (*)(seq_file& m, void* v);
// A write method: `buf` holds the written bytes and a NUL and may be
// modified. Returns 0 (the write reports every byte) or a negative errno.
using proc_write_t = int (*)(seq_file& m, char* buf, std::size_t size);

struct proc_dir_entry {
  std::string name;
  std::uint32_t mode = 0;     // S_IFDIR | 0555, S_IFREG | 0444, ...
  std::uint32_t low_ino = 0;  // from the kernel's proc inode allocator
  std::uint32_t nlink = 1;    // 2 + subdirectories, for directories
  kuid uid = global_root_uid;
  kgid gid = global_root_gid;
  net* owner_net = nullptr;   // PDE_NET: the namespace the entry belongs to
  proc_dir_entry* parent = nullptr;
  void* data = nullptr;       // PDE_DATA
  const seq_operations* seq_ops = nullptr;
  proc_single_show_t single_show = nullptr;
  proc_write_t write = nullptr;
  std::size_t state_size = 0;  // per-open private state of seq files
  rundown in_use;
  // Files open on this entry (pde_openers), for removal to close them.
  mutex openers_lock;
  std::vector<seq_file*> openers NETNS_GUARDED_BY(openers_lock);
  // Children in proc_match order (shorter names first, then bytewise: the
  // order getdents shows), under the tree's proc_subdir_lock; a sorted
  // vector, one allocation per directory instead of one per entry.
  pde_list subdir;

  bool is_dir() const { return (mode & 0170000) == 0040000; }
};

// An open proc file: the output buffer and iteration state of seq_read, the
// namespace reference taken at open, and the seq ops' private state.
class seq_file {
 public:
  seq_file(pde_ptr pde, net_ref n);
  ~seq_file();
  seq_file(const seq_file&) = delete;
  seq_file& operator=(const seq_file&) = delete;

  // seq_file_net / seq_file_single_net: the namespace, referenced while open.
  net& net_ns() const { return *net_; }
  void* pde_data() const { return pde_->data; }
  const proc_dir_entry& pde() const { return *pde_; }
  // __seq_open_private's zeroed state of pde().state_size bytes.
  void* private_data() { return state_.get(); }

  void puts(std::string_view s) { buf_.append(s); }
  template <typename... Args>
  void printf(fmt::format_string<Args...> f, Args&&... args) {
    fmt::format_to(std::back_inserter(buf_), f, std::forward<Args>(args)...);
  }

  // seq_read: up to `count` bytes from the current position; "" at the end.
  // Records are produced as needed, whole: a record that does not fit waits
  // in the buffer for the next read. EIO once the entry was removed.
  result<std::string> read(std::size_t count);
  // proc_simple_write: EACCES without a write method, EINVAL for 0 bytes or
  // more than a page less one; else the method's errno or `data.size()`.
  result<std::size_t> write(std::string_view data);

 private:
  result<void> fill(std::size_t want);

  friend void pde_close_openers(proc_dir_entry& e);
  // What a close releases (seq_release_net): called once, by the last
  // close or by the entry's removal, whichever comes first.
  void release();

  pde_ptr pde_;
  net_ref net_;
  std::unique_ptr<std::byte[]> state_;
  std::string buf_;         // produced, not yet returned (show() appends here)
  std::size_t from_ = 0;    // first byte of buf_ not yet returned
  std::int64_t index_ = 0;  // position of the next record to produce
};

// Releases every file open on `e` (removal's half of proc_entry_rundown).
void pde_close_openers(proc_dir_entry& e);

// Opens a /proc/net entry's file (seq_open_net / single_open_net): ENOENT if
// the entry was removed, EACCES for a seq file opened for writing without a
// write method, ENXIO if the namespace is dying.
result<std::unique_ptr<seq_file>> proc_net_open(const pde_ptr& pde, bool for_write);

// Creating entries: EEXIST for a name already in `parent`, EINVAL for an
// empty name, "." / "..", or one with '/'; ENOSPC when inode numbers run
// out. The entry inherits `parent`'s owner; mode 0 means 0444 for files and
// 0555 for directories.
result<proc_dir_entry*> proc_create_net_data(std::string_view name, std::uint32_t mode,
                                             proc_dir_entry* parent, const seq_operations* ops,
                                             std::size_t state_size, void* data);
result<proc_dir_entry*> proc_create_net_data_write(std::string_view name, std::uint32_t mode,
                                                   proc_dir_entry* parent,
                                                   const seq_operations* ops, proc_write_t write,
                                                   std::size_t state_size, void* data);
result<proc_dir_entry*> proc_create_net_single(std::string_view name, std::uint32_t mode,
                                               proc_dir_entry* parent, proc_single_show_t show,
                                               void* data);
result<proc_dir_entry*> proc_create_net_single_write(std::string_view name, std::uint32_t mode,
                                                     proc_dir_entry* parent,
                                                     proc_single_show_t show, proc_write_t write,
                                                     void* data);
result<proc_dir_entry*> proc_mkdir_data(std::string_view name, std::uint32_t mode,
                                        proc_dir_entry* parent, void* data);
// A directory whose data is the net, owned like every entry by its parent's
// owner (so, below n.proc_net, by the root of n's user namespace when that
// maps).
result<proc_dir_entry*> proc_net_mkdir(net& n, std::string_view name, proc_dir_entry* parent);

// Unlinks `name` from `parent`, waits for operations in progress on it (and
// on everything below it), closes what is open on them the way
// proc_entry_rundown does (each open file drops its net reference and
// private state at once; the file object stays, and its reads and writes
// give EIO), and frees their inode numbers. No-op if there is no such entry.
void remove_proc_entry(std::string_view name, proc_dir_entry* parent);

// A file every namespace's /proc/net has while the op that declares it
// (pernet_operations::proc_files) is initialized there. Exactly one of
// seq_ops and show; mode 0 means 0444; PDE_DATA is nullptr (the net is
// the file's seq_file_net).
struct proc_net_file {
  const char* name = "";
  std::uint32_t mode = 0;
  bool in_stat = false;  // in /proc/net/stat rather than /proc/net
  const seq_operations* seq_ops = nullptr;
  proc_single_show_t show = nullptr;
  proc_write_t write = nullptr;
  std::size_t state_size = 0;  // seq files' per-open state
};

// The proc-net subsystem's init and exit (proc_net_ns_init/_exit): the
// tree may be made from init on, with the owner the namespace has now;
// exit removes it (closing what is open on it) and nothing makes it again.
void proc_net_ns_init(net& n);
void proc_net_ns_exit(net& n);
// The root for procfs, made if needed: ENOENT outside the span above,
// ENOSPC/ENOMEM if it cannot be made now.
result<proc_dir_entry*> proc_net_lookup_root(net& n);
// The root if the tree has been made, else nullptr; makes nothing (for
// diagnostics and tests, which must not change what they look at).
proc_dir_entry* proc_net_peek(const net& n);
// The kernel's side (pernet.cpp), with pernet_ops_rwsem held: an op's
// declared files join a tree already made once its init succeeded there
// (the op's init is undone if they cannot), and leave before its exit.
result<void> proc_net_op_added(const pernet_operations& ops, net& n);
void proc_net_op_removing(const pernet_operations& ops, net& n);

// Looking entries up for the VFS, under the namespace's proc_subdir_lock.
pde_ptr pde_lookup(const proc_dir_entry& dir, std::string_view name);
std::vector<std::string> pde_readdir(const proc_dir_entry& dir);

}  // namespace netns
