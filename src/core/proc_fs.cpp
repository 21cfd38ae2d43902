// SPDX-License-Identifier: GPL-2.0-only
// proc_dir_entry trees per namespace and seq_file reading (fs/proc/generic.c,
// fs/proc/proc_net.c, fs/seq_file.c).
#include "netns/core/proc_fs.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <algorithm>
#include <atomic>
#include <cstring>
#include <vector>

#include "netns/base/scope_exit.hpp"
#include "netns/base/thread_cache_allocator.hpp"
#include "netns/core/kernel.hpp"
#include "netns/core/user_namespace.hpp"

namespace netns {

// What the lazily made trees need of net's and kernel's insides.
struct proc_net_access {
  static proc_net_tree* tree(const net& n) { return n.proc_tree_.load(std::memory_order_acquire); }
  static shared_mutex& pernet_lock(kernel& k) { return k.pernet_ops_rwsem_; }
  static mutex& lock(kernel& k) { return k.proc_net_lock_; }
  static result<proc_dir_entry*> make(net& n);
  static result<proc_dir_entry*> lookup_root(net& n);
  static void ns_init(net& n);
  static void ns_exit(net& n);
};

namespace {

constexpr std::size_t PAGE_SIZE_ = 4096;

// proc_match's order: by length, then bytewise.
bool name_before(std::string_view a, std::string_view b) {
  return a.size() != b.size() ? a.size() < b.size() : a < b;
}

// The position of `name` in a subdir list (where it is or would go).
pde_list::const_iterator find_pos(const pde_list& v,
                                              std::string_view name) {
  return std::lower_bound(v.begin(), v.end(), name, [](const pde_ptr& e, std::string_view n) {
    return name_before(e->name, n);
  });
}

bool valid_name(std::string_view name) {
  return !name.empty() && name != "." && name != ".." &&
         name.find('/') == std::string_view::npos && name.size() <= 255;
}

kernel& kernel_of(const proc_dir_entry& dir) { return dir.owner_net->owner_kernel(); }
shared_mutex& subdir_lock(const proc_dir_entry& dir);

// __proc_create + proc_register: a new entry linked under `parent`, with an
// inode number, inheriting the parent's owner.
result<proc_dir_entry*> proc_register(proc_dir_entry* parent, std::string_view name,
                                      std::uint32_t mode, pde_ptr fill) {
  if (!parent || !parent->owner_net) return errc{EINVAL};
  if (!valid_name(name)) return errc{EINVAL};
  kernel& k = kernel_of(*parent);
  proc_dir_entry& e = *fill;
  e.name = std::string(name);
  e.mode = mode;
  e.nlink = e.is_dir() ? 2 : 1;
  e.uid = parent->uid;
  e.gid = parent->gid;
  e.owner_net = parent->owner_net;
  e.parent = parent;
  auto ino = k.inums().alloc();
  if (!ino) return ino.error();
  e.low_ino = *ino;
  write_lock g(subdir_lock(*parent));
  auto pos = find_pos(parent->subdir, e.name);
  if (pos != parent->subdir.end() && (*pos)->name == e.name) {
    k.inums().free(e.low_ino);
    return errc{EEXIST};
  }
  if (e.is_dir()) ++parent->nlink;
  return parent->subdir.insert(pos, std::move(fill))->get();
}

std::uint32_t reg_mode(std::uint32_t mode) {
  if ((mode & S_IFMT) == 0) mode |= S_IFREG;
  if ((mode & 07777) == 0) mode |= 0444;
  return mode;
}

result<proc_dir_entry*> create_net_file(std::string_view name, std::uint32_t mode,
                                        proc_dir_entry* parent, const seq_operations* ops,
                                        proc_single_show_t show, proc_write_t write,
                                        std::size_t state_size, void* data) {
  mode = reg_mode(mode);
  if ((mode & S_IFMT) != S_IFREG) return errc{EINVAL};
  auto e = std::allocate_shared<proc_dir_entry>(thread_cache_allocator<proc_dir_entry>());
  e->seq_ops = ops;
  e->single_show = show;
  e->write = write;
  e->state_size = state_size;
  e->data = data;
  return proc_register(parent, name, mode, std::move(e));
}

// Marks an entry and everything below it removed, waits for operations in
// progress, and frees the inode numbers (children first).
void rundown_subtree(kernel& k, proc_dir_entry& e) {
  pde_list children;
  {
    write_lock g(subdir_lock(e));
    children.swap(e.subdir);
  }
  for (auto& c : children) rundown_subtree(k, *c);
  e.in_use.kill();
  pde_close_openers(e);
  if (e.low_ino) k.inums().free(e.low_ino);
  e.low_ino = 0;
}

// The single_open iteration: one record.
void* single_start(seq_file&, std::int64_t* pos) { return *pos == 0 ? SEQ_START_TOKEN : nullptr; }
void* single_next(seq_file&, void*, std::int64_t* pos) {
  ++*pos;
  return nullptr;
}
void single_stop(seq_file&, void*) {}
int single_show(seq_file& m, void* v) { return m.pde().single_show(m, v); }
const seq_operations single_ops{single_start, single_stop, single_next, single_show};

}  // namespace

// ---- creating and removing -----------------------------------------------------

result<proc_dir_entry*> proc_create_net_data(std::string_view name, std::uint32_t mode,
                                             proc_dir_entry* parent, const seq_operations* ops,
                                             std::size_t state_size, void* data) {
  if (!ops) return errc{EINVAL};
  return create_net_file(name, mode, parent, ops, nullptr, nullptr, state_size, data);
}

result<proc_dir_entry*> proc_create_net_data_write(std::string_view name, std::uint32_t mode,
                                                   proc_dir_entry* parent,
                                                   const seq_operations* ops, proc_write_t write,
                                                   std::size_t state_size, void* data) {
  if (!ops) return errc{EINVAL};
  return create_net_file(name, mode, parent, ops, nullptr, write, state_size, data);
}

result<proc_dir_entry*> proc_create_net_single(std::string_view name, std::uint32_t mode,
                                               proc_dir_entry* parent, proc_single_show_t show,
                                               void* data) {
  if (!show) return errc{EINVAL};
  return create_net_file(name, mode, parent, nullptr, show, nullptr, 0, data);
}

result<proc_dir_entry*> proc_create_net_single_write(std::string_view name, std::uint32_t mode,
                                                     proc_dir_entry* parent,
                                                     proc_single_show_t show, proc_write_t write,
                                                     void* data) {
  if (!show) return errc{EINVAL};
  return create_net_file(name, mode, parent, nullptr, show, write, 0, data);
}

result<proc_dir_entry*> proc_mkdir_data(std::string_view name, std::uint32_t mode,
                                        proc_dir_entry* parent, void* data) {
  if ((mode & 07777) == 0) mode |= 0555;
  auto e = std::allocate_shared<proc_dir_entry>(thread_cache_allocator<proc_dir_entry>());
  e->data = data;
  return proc_register(parent, name, S_IFDIR | (mode & 07777), std::move(e));
}

result<proc_dir_entry*> proc_net_mkdir(net& n, std::string_view name, proc_dir_entry* parent) {
  return proc_mkdir_data(name, 0, parent, &n);
}

void remove_proc_entry(std::string_view name, proc_dir_entry* parent) {
  if (!parent || !parent->owner_net) return;
  kernel& k = kernel_of(*parent);
  pde_ptr victim;
  {
    write_lock g(subdir_lock(*parent));
    auto it = find_pos(parent->subdir, name);
    if (it == parent->subdir.end() || (*it)->name != name) return;
    victim = *it;
    parent->subdir.erase(it);
    if (victim->is_dir()) --parent->nlink;
  }
  rundown_subtree(k, *victim);
}

// ---- the lazily made tree of each namespace ---------------------------------

// One namespace's /proc/net once made. The object lives as long as the
// net (entries find their lock through owner_net), the entries until the
// proc-net exit.
struct proc_net_tree {
  shared_mutex subdir_lock;  // proc_subdir_lock, narrowed to this tree
  pde_ptr root;
  proc_dir_entry* stat = nullptr;
  // Published whole: the root once every file is in it, nullptr again
  // from the exit on.
  std::atomic<proc_dir_entry*> ready{nullptr};
};

namespace {

shared_mutex& subdir_lock(const proc_dir_entry& dir) {
  return proc_net_access::tree(*dir.owner_net)->subdir_lock;
}

result<void> add_files(const pernet_operations& ops, proc_net_tree& t) {
  for (std::size_t i = 0; i < ops.proc_files_count; ++i) {
    const proc_net_file& f = ops.proc_files[i];
    proc_dir_entry* parent = f.in_stat ? t.stat : t.root.get();
    auto r = create_net_file(f.name, f.mode, parent, f.seq_ops, f.show, f.write, f.state_size,
                             nullptr);
    if (!r) {
      while (i-- > 0) remove_proc_entry(ops.proc_files[i].name,
                                        ops.proc_files[i].in_stat ? t.stat : t.root.get());
      return r.error();
    }
  }
  return ok();
}

}  // namespace

// The tree with its root and "stat" and the files of the ops initialized
// in `n`, in the order of the pernet list (so inode numbers go as an
// eager setup would have handed them out). Under proc_net_lock_, with
// pernet_ops_rwsem held by the caller (for the list).
result<proc_dir_entry*> proc_net_access::make(net& n) NETNS_NO_THREAD_SAFETY_ANALYSIS {
  kernel& k = n.owner_kernel();
  lock_guard g(lock(k));
  proc_net_tree* t = tree(n);
  if (t && t->ready.load(std::memory_order_relaxed)) return t->ready.load(std::memory_order_relaxed);
  // A dying namespace gets no tree: its exits are running or done.
  if (!n.proc_enabled_ || !n.alive()) return errc{ENOENT};
  if (!t) {
    t = new proc_net_tree;
    n.proc_tree_.store(t, std::memory_order_release);
  }
  auto root = std::allocate_shared<proc_dir_entry>(thread_cache_allocator<proc_dir_entry>());
  root->name = "net";
  root->mode = S_IFDIR | 0555;
  root->nlink = 2;
  root->owner_net = &n;
  root->data = &n;
  root->uid = n.proc_uid_;
  root->gid = n.proc_gid_;
  root->subdir.reserve(4);  // "stat" and the built-ins' files: one allocation
  t->root = std::move(root);
  auto undo = [&] {
    rundown_subtree(k, *t->root);
    t->root.reset();
    t->stat = nullptr;
  };
  // The root is owned by the root of the namespace's user namespace (when
  // that maps) before "stat" is made, so "stat" and everything made later
  // inherit that owner.
  auto stat = proc_net_mkdir(n, "stat", t->root.get());
  if (!stat) {
    undo();
    return stat.error();
  }
  t->stat = *stat;
  const auto& list = k.pernet_list_;
  const std::size_t inited = std::min<std::size_t>(n.pernet_inited_, list.size());
  for (std::size_t i = 0; i < inited; ++i) {
    if (auto r = add_files(*list[i], *t); !r) {
      undo();
      return r.error();
    }
  }
  t->ready.store(t->root.get(), std::memory_order_release);
  return t->root.get();
}

proc_dir_entry* net::proc_net() {
  if (proc_net_tree* t = proc_tree_.load(std::memory_order_acquire))
    if (proc_dir_entry* root = t->ready.load(std::memory_order_acquire)) return root;
  auto r = proc_net_access::make(*this);
  return r ? *r : nullptr;
}

proc_dir_entry* net::proc_net_stat() { return proc_net() ? proc_tree_.load()->stat : nullptr; }

result<proc_dir_entry*> proc_net_lookup_root(net& n) { return proc_net_access::lookup_root(n); }
void proc_net_ns_init(net& n) { proc_net_access::ns_init(n); }
proc_dir_entry* proc_net_peek(const net& n) {
  proc_net_tree* t = proc_net_access::tree(n);
  return t ? t->ready.load(std::memory_order_acquire) : nullptr;
}
void proc_net_ns_exit(net& n) { proc_net_access::ns_exit(n); }

result<proc_dir_entry*> proc_net_access::lookup_root(net& n) {
  if (proc_net_tree* t = n.proc_tree_.load(std::memory_order_acquire))
    if (proc_dir_entry* root = t->ready.load(std::memory_order_acquire)) return root;
  read_lock l(proc_net_access::pernet_lock(n.owner_kernel()));
  return proc_net_access::make(n);
}

// No lock: nothing else can make n's tree yet. In setup_net n is not
// listed, so only its own inits (this thread) can reach it; when the
// proc-net op itself registers, pernet_ops_rwsem is held for write, which
// excludes lookup_root.
void proc_net_access::ns_init(net& n) {
  net_ns_get_ownership(n, n.proc_uid_, n.proc_gid_);
  n.proc_enabled_ = true;
}

void proc_net_access::ns_exit(net& n) {
  kernel& k = n.owner_kernel();
  // A tree nobody made needs no lock to be seen absent, and none can be
  // made now: a lookup needs an active reference (there is none left in a
  // cleanup, and none yet in a failed setup), and the proc-net op's own
  // unregistration holds pernet_ops_rwsem for write, which lookups take
  // for read. Most namespaces end here.
  if (!proc_net_access::tree(n)) {
    n.proc_enabled_ = false;
    return;
  }
  pde_ptr root;
  {
    lock_guard g(lock(k));
    n.proc_enabled_ = false;
    proc_net_tree* t = proc_net_access::tree(n);
    if (!t) return;
    t->ready.store(nullptr, std::memory_order_release);
    t->stat = nullptr;
    root = std::move(t->root);
  }
  if (root) rundown_subtree(k, *root);
}

// Both run where no lookup can be making n's tree (setup, registration,
// exits: a lookup holds an active reference and the pernet lock), so a
// tree not made yet stays so and needs no lock to be seen absent.
result<void> proc_net_op_added(const pernet_operations& ops, net& n) {
  if (!ops.proc_files_count || !proc_net_access::tree(n)) return ok();
  lock_guard g(proc_net_access::lock(n.owner_kernel()));
  proc_net_tree* t = proc_net_access::tree(n);
  if (!t || !t->ready.load(std::memory_order_relaxed)) return ok();  // made later, with them
  return add_files(ops, *t);
}

void proc_net_op_removing(const pernet_operations& ops, net& n) {
  if (!ops.proc_files_count || !proc_net_access::tree(n)) return;
  lock_guard g(proc_net_access::lock(n.owner_kernel()));
  proc_net_tree* t = proc_net_access::tree(n);
  if (!t || !t->ready.load(std::memory_order_relaxed)) return;
  for (std::size_t i = ops.proc_files_count; i-- > 0;)
    remove_proc_entry(ops.proc_files[i].name, ops.proc_files[i].in_stat ? t->stat : t->root.get());
}

void proc_net_tree_free(proc_net_tree* t) { delete t; }

pde_ptr pde_lookup(const proc_dir_entry& dir, std::string_view name) {
  read_lock g(subdir_lock(dir));
  auto it = find_pos(dir.subdir, name);
  return it == dir.subdir.end() || (*it)->name != name ? nullptr : *it;
}

std::vector<std::string> pde_readdir(const proc_dir_entry& dir) {
  read_lock g(subdir_lock(dir));
  std::vector<std::string> names;
  names.reserve(dir.subdir.size());
  for (const pde_ptr& e : dir.subdir) names.push_back(e->name);
  return names;
}

// ---- opening, reading, writing ---------------------------------------------------

result<std::unique_ptr<seq_file>> proc_net_open(const pde_ptr& pde, bool for_write) {
  if (!pde->in_use.enter()) return errc{ENOENT};
  scope_exit leave([&] { pde->in_use.leave(); });
  // seq_open_net refuses writers up front; single_open_net lets the write
  // itself fail.
  if (pde->seq_ops && for_write && !pde->write) return errc{EACCES};
  net_ref n = maybe_get_net(*pde->owner_net);
  if (!n) return errc{ENXIO};
  auto f = std::make_unique<seq_file>(pde, std::move(n));
  lock_guard g(pde->openers_lock);
  pde->openers.push_back(f.get());
  return f;
}

seq_file::seq_file(pde_ptr pde, net_ref n) : pde_(std::move(pde)), net_(std::move(n)) {
  if (pde_->state_size) {
    state_ = std::make_unique<std::byte[]>(pde_->state_size);
    std::memset(state_.get(), 0, pde_->state_size);
  }
}

// The last close. Under the entry's openers lock: if the entry is being
// removed right now, this waits until removal has released the file (and
// then finds it unlisted and already released).
seq_file::~seq_file() {
  lock_guard g(pde_->openers_lock);
  auto it = std::find(pde_->openers.begin(), pde_->openers.end(), this);
  if (it == pde_->openers.end()) return;
  pde_->openers.erase(it);
  release();
}

void seq_file::release() {
  net_.reset();
  state_.reset();
  buf_.clear();
}

// in_use is dead when this runs, so no file is inside a read or write; the
// lock keeps each file alive while it is released.
void pde_close_openers(proc_dir_entry& e) {
  lock_guard g(e.openers_lock);
  for (seq_file* f : e.openers) f->release();
  e.openers.clear();
}

// Produces records until at least `want` bytes wait in the buffer or the
// iteration ends, in one start..stop batch.
result<void> seq_file::fill(std::size_t want) {
  const seq_operations& ops = pde_->seq_ops ? *pde_->seq_ops : single_ops;
  void* v = ops.start(*this, &index_);
  result<void> status;  // ok until a step fails
  while (v) {
    const std::size_t before = buf_.size();
    int r = ops.show(*this, v);
    if (r < 0) {
      buf_.resize(before);
      status = errc{-r};
      break;
    }
    if (r == SEQ_SKIP) buf_.resize(before);
    v = ops.next(*this, v, &index_);
    if (buf_.size() - from_ >= want) break;
  }
  ops.stop(*this, v);
  return status;
}

result<std::string> seq_file::read(std::size_t count) {
  if (!pde_->in_use.enter()) return errc{EIO};
  scope_exit leave([&] { pde_->in_use.leave(); });
  std::string out;
  while (out.size() < count) {
    if (from_ < buf_.size()) {
      std::size_t n = std::min(count - out.size(), buf_.size() - from_);
      out.append(buf_, from_, n);
      from_ += n;
      continue;
    }
    buf_.clear();
    from_ = 0;
    if (auto r = fill(count - out.size()); !r) {
      // Records shown before the failing one come first; the failing one
      // is shown again (and fails again) at the next read.
      std::size_t n = std::min(count - out.size(), buf_.size());
      out.append(buf_, 0, n);
      from_ = n;
      if (out.empty()) return r.error();
      break;
    }
    if (buf_.empty()) break;  // the end
  }
  return out;
}

result<std::size_t> seq_file::write(std::string_view data) {
  if (!pde_->in_use.enter()) return errc{EIO};
  scope_exit leave([&] { pde_->in_use.leave(); });
  if (!pde_->write) return errc{EACCES};
  if (data.empty() || data.size() > PAGE_SIZE_ - 1) return errc{EINVAL};
  std::string copy(data);  // memdup_user_nul: the method gets a NUL-terminated copy
  int r = pde_->write(*this, copy.data(), copy.size());
  if (r < 0) return errc{-r};
  return data.size();
}

}  // namespace netns
