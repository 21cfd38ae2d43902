// SPDX-License-Identifier: GPL-2.0-only
// The per-namespace /proc/net API (proc_fs.hpp; fs/proc/proc_net.c,
// fs/proc/generic.c, fs/seq_file.c): creating entries (modes, nlink,
// owners, names), their inode numbers, seq_file reading, proc_simple_write,
// opening (EACCES, ENXIO, ENOENT), the namespace reference an open file
// holds, removal while files are open, and the built-in /proc/net/dev.
//
// Most tests use a test pernet subsystem whose init fills a namespace's
// /proc/net with one entry of every kind and whose exit removes them:
//
//   /proc/net/t_seq        proc_create_net_data        (state_size STATE)
//   /proc/net/t_seq_w      proc_create_net_data_write
//   /proc/net/t_single     proc_create_net_single
//   /proc/net/t_single_w   proc_create_net_single_write (mode 0644)
//   /proc/net/t_dir/       proc_mkdir_data
//   /proc/net/t_dir/t_inner   a single file
//   /proc/net/t_dir/t_deeper/ a directory
//   /proc/net/t_netdir/    proc_net_mkdir
//   /proc/net/stat/t_stat  a single file
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "netns/core/cred.hpp"
#include "netns/core/kernel.hpp"
#include "netns/core/net_device.hpp"
#include "netns/core/proc_fs.hpp"
#include "netns/core/user_namespace.hpp"
#include "netns/subsys/builtin.hpp"
#include "support/test_util.hpp"

namespace netns {
namespace {

using test::event_log;
using test::gate;
using test::recorder;
using strings = std::vector<std::string>;

constexpr std::size_t STATE = 24;  // t_seq's per-open state
constexpr std::size_t OUR_ENTRIES = 9;

// What the test files show and record. The seq ops reach it through
// pde_data(); records are shown one per position, show() returning rets[i]
// (0 when absent).
struct source {
  std::vector<std::string> records;
  std::vector<int> rets;
  // Callback counters (atomics: the concurrency test reads from threads).
  std::atomic<int> starts{0}, stops{0}, shows{0}, depth{0}, max_depth{0};
  std::atomic<int> single_shows{0};
  std::atomic<bool> single_bad_token{false};
  std::atomic<void*> seen_private{nullptr};
  // Set by the test: a show that waits at this gate.
  gate* block_show = nullptr;
  std::atomic<bool> show_done{false};
  // Write method results and what it saw.
  int write_ret = 0;
  std::mutex wm;
  std::string written;
  bool nul_terminated = false;
  int writes = 0;

  void reset_counts() {
    starts = stops = shows = depth = max_depth = 0;
    single_shows = 0;
  }
};

source& src_of(seq_file& m) { return *static_cast<source*>(m.pde_data()); }

void* rec_at(source& s, std::int64_t pos) {
  if (pos < 0 || pos >= static_cast<std::int64_t>(s.records.size())) return nullptr;
  return &s.records[static_cast<std::size_t>(pos)];
}

void* src_start(seq_file& m, std::int64_t* pos) {
  source& s = src_of(m);
  ++s.starts;
  int d = ++s.depth;
  int mx = s.max_depth.load();
  while (d > mx && !s.max_depth.compare_exchange_weak(mx, d)) {
  }
  return rec_at(s, *pos);
}
void src_stop(seq_file& m, void*) {
  source& s = src_of(m);
  ++s.stops;
  --s.depth;
}
void* src_next(seq_file& m, void*, std::int64_t* pos) {
  ++*pos;
  return rec_at(src_of(m), *pos);
}
int src_show(seq_file& m, void* v) {
  source& s = src_of(m);
  ++s.shows;
  s.seen_private = m.private_data();
  if (s.block_show) s.block_show->pass();
  const auto* rec = static_cast<const std::string*>(v);
  const auto i = static_cast<std::size_t>(rec - s.records.data());
  m.puts(*rec);
  s.show_done = true;
  return i < s.rets.size() ? s.rets[i] : 0;
}
const seq_operations src_ops{src_start, src_stop, src_next, src_show};

int single_fn(seq_file& m, void* v) {
  source& s = src_of(m);
  ++s.single_shows;
  if (v != SEQ_START_TOKEN) s.single_bad_token = true;
  m.printf("single {}\n", m.net_ns().ns_id());
  return 0;
}

int write_fn(seq_file& m, char* buf, std::size_t size) {
  source& s = src_of(m);
  std::lock_guard l(s.wm);
  s.written.assign(buf, size);
  s.nul_terminated = buf[size] == '\0';
  ++s.writes;
  buf[0] = '!';  // the method may modify its copy
  return s.write_ret;
}

class ProcFs : public ::testing::Test {
 protected:
  ProcFs() {
    ops.name = "proc_fs_test";
    ops.init = [this](net& n) { return populate(n); };
    ops.exit = [this](net& n) { depopulate(n); };
    k = boot();
  }
  ~ProcFs() override {
    hold.open();
    k.reset();  // the init net's exits run while ops and src are alive
  }

  result<void> populate(net& n) {
    auto undo = [&](const failure& f) -> result<void> {
      depopulate(n);
      return f;
    };
    if (auto r = proc_create_net_data("t_seq", 0, n.proc_net(), &src_ops, STATE, &src); !r)
      return undo(r.error());
    if (auto r = proc_create_net_data_write("t_seq_w", 0, n.proc_net(), &src_ops, write_fn, 0, &src);
        !r)
      return undo(r.error());
    if (auto r = proc_create_net_single("t_single", 0, n.proc_net(), single_fn, &src); !r)
      return undo(r.error());
    if (auto r =
            proc_create_net_single_write("t_single_w", 0644, n.proc_net(), single_fn, write_fn, &src);
        !r)
      return undo(r.error());
    auto dir = proc_mkdir_data("t_dir", 0, n.proc_net(), &src);
    if (!dir) return undo(dir.error());
    if (auto r = proc_create_net_single("t_inner", 0, *dir, single_fn, &src); !r)
      return undo(r.error());
    if (auto r = proc_mkdir_data("t_deeper", 0, *dir, nullptr); !r) return undo(r.error());
    if (auto r = proc_net_mkdir(n, "t_netdir", n.proc_net()); !r) return undo(r.error());
    if (auto r = proc_create_net_single("t_stat", 0, n.proc_net_stat(), single_fn, &src); !r)
      return undo(r.error());
    return ok();
  }
  void depopulate(net& n) {
    remove_proc_entry("t_stat", n.proc_net_stat());
    remove_proc_entry("t_netdir", n.proc_net());
    remove_proc_entry("t_dir", n.proc_net());
    remove_proc_entry("t_single_w", n.proc_net());
    remove_proc_entry("t_single", n.proc_net());
    remove_proc_entry("t_seq_w", n.proc_net());
    remove_proc_entry("t_seq", n.proc_net());
  }

  void register_ops() {
    ASSERT_TRUE(register_pernet_subsys(*k, ops));
    registered_ = true;
  }

  // A new net (in init_user_ns) with the test entries.
  net_ref net_with_entries() {
    if (!registered_) {
      EXPECT_TRUE(register_pernet_subsys(*k, ops));
      registered_ = true;
    }
    return test::new_net(*k);
  }

  static pde_ptr lookup(const proc_dir_entry* dir, std::string_view name) {
    EXPECT_NE(dir, nullptr);
    return dir ? pde_lookup(*dir, name) : nullptr;
  }
  static std::unique_ptr<seq_file> open(const pde_ptr& p, bool for_write = false) {
    EXPECT_TRUE(p) << "no such entry";
    if (!p) return nullptr;
    auto f = proc_net_open(p, for_write);
    EXPECT_TRUE(f) << p->name << ": " << errno_name(f ? 0 : f.error().errnum());
    return f ? std::move(*f) : nullptr;
  }
  // Reads until EOF in chunks of `chunk` bytes (errors fail the test).
  static std::string read_all(seq_file& f, std::size_t chunk = 1 << 20) {
    std::string out;
    for (int guard = 0; guard < 1000000; ++guard) {
      auto r = f.read(chunk);
      EXPECT_TRUE(r) << errno_name(r ? 0 : r.error().errnum());
      if (!r || r->empty()) break;
      out += *r;
    }
    return out;
  }
  // Every create function, for `name` in `dir`, fails with `want`.
  void expect_every_create_fails(net& n, proc_dir_entry* dir, std::string_view name, errc want) {
    EXPECT_EQ(proc_create_net_data(name, 0, dir, &src_ops, 0, &src).code(), want);
    EXPECT_EQ(proc_create_net_data_write(name, 0, dir, &src_ops, write_fn, 0, &src).code(), want);
    EXPECT_EQ(proc_create_net_single(name, 0, dir, single_fn, &src).code(), want);
    EXPECT_EQ(proc_create_net_single_write(name, 0, dir, single_fn, write_fn, &src).code(), want);
    EXPECT_EQ(proc_mkdir_data(name, 0, dir, nullptr).code(), want);
    EXPECT_EQ(proc_net_mkdir(n, name, dir).code(), want);
  }
  std::string read_file(net& n, std::string_view name) {
    auto f = open(lookup(n.proc_net(), name));
    return f ? read_all(*f) : std::string();
  }

  source src;
  gate hold;
  event_log log;
  recorder late{log, "late"};
  pernet_operations ops;
  bool registered_ = false;
  std::unique_ptr<kernel> k;
};

// ---- creating entries ------------------------------------------------------------

// Mode 0 means S_IFREG|0444 for files and S_IFDIR|0555 for directories; an
// explicit permission is kept; every kind records its methods and data.
TEST_F(ProcFs, CreateDefaultsTheModeAndRecordsTheMethods) {
  net_ref n = net_with_entries();
  ASSERT_TRUE(n);
  auto seq = lookup(n->proc_net(), "t_seq");
  auto seq_w = lookup(n->proc_net(), "t_seq_w");
  auto single = lookup(n->proc_net(), "t_single");
  auto single_w = lookup(n->proc_net(), "t_single_w");
  auto dir = lookup(n->proc_net(), "t_dir");
  auto netdir = lookup(n->proc_net(), "t_netdir");
  auto stat = lookup(n->proc_net_stat(), "t_stat");
  ASSERT_TRUE(seq && seq_w && single && single_w && dir && netdir && stat);
  for (const auto& f : {seq, seq_w, single, stat}) {
    EXPECT_EQ(f->mode, static_cast<std::uint32_t>(S_IFREG | 0444)) << f->name;
    EXPECT_FALSE(f->is_dir());
    EXPECT_EQ(f->nlink, 1u) << f->name;
    EXPECT_EQ(f->owner_net, n.get());
  }
  EXPECT_EQ(single_w->mode, static_cast<std::uint32_t>(S_IFREG | 0644));
  EXPECT_EQ(dir->mode, static_cast<std::uint32_t>(S_IFDIR | 0555));
  EXPECT_EQ(netdir->mode, static_cast<std::uint32_t>(S_IFDIR | 0555));
  EXPECT_TRUE(dir->is_dir());
  EXPECT_EQ(seq->parent, n->proc_net());
  EXPECT_EQ(stat->parent, n->proc_net_stat());

  EXPECT_EQ(seq->seq_ops, &src_ops);
  EXPECT_EQ(seq->state_size, STATE);
  EXPECT_EQ(seq->write, nullptr);
  EXPECT_EQ(seq->data, &src);
  EXPECT_EQ(seq_w->write, &write_fn);
  EXPECT_EQ(single->single_show, &single_fn);
  EXPECT_EQ(single->seq_ops, nullptr);
  EXPECT_EQ(single->write, nullptr);
  EXPECT_EQ(single_w->write, &write_fn);
  EXPECT_EQ(dir->data, &src);
  EXPECT_EQ(netdir->data, n.get());  // proc_net_mkdir's data is the net

  // Explicit modes, and a type given with the permission.
  auto d = proc_mkdir_data("d0700", 0700, n->proc_net(), nullptr);
  ASSERT_TRUE(d);
  EXPECT_EQ((*d)->mode, static_cast<std::uint32_t>(S_IFDIR | 0700));
  auto f = proc_create_net_single("f0600", S_IFREG | 0600, n->proc_net(), single_fn, &src);
  ASSERT_TRUE(f);
  EXPECT_EQ((*f)->mode, static_cast<std::uint32_t>(S_IFREG | 0600));
  auto g = proc_create_net_data("f0200", 0200, n->proc_net(), &src_ops, 0, &src);
  ASSERT_TRUE(g);
  EXPECT_EQ((*g)->mode, static_cast<std::uint32_t>(S_IFREG | 0200));
  remove_proc_entry("d0700", n->proc_net());
  remove_proc_entry("f0600", n->proc_net());
  remove_proc_entry("f0200", n->proc_net());
}

// proc_create_reg: a file whose mode names another type is refused, and
// takes no inode number.
TEST_F(ProcFs, AFileWithADirectoryTypeIsEINVAL) {
  net_ref n = test::new_net(*k);
  ASSERT_TRUE(n && n->proc_net());
  const auto inums = k->inums().in_use();
  auto r = proc_create_net_single("x", S_IFDIR | 0444, n->proc_net(), single_fn, &src);
  EXPECT_EQ(r.code(), errc{EINVAL});
  auto s = proc_create_net_data("y", S_IFLNK | 0777, n->proc_net(), &src_ops, 0, &src);
  EXPECT_EQ(s.code(), errc{EINVAL});
  EXPECT_EQ(k->inums().in_use(), inums);
  EXPECT_FALSE(pde_lookup(*n->proc_net(), "x"));
  EXPECT_FALSE(pde_lookup(*n->proc_net(), "y"));
}

// A directory has nlink 2 + its subdirectories; mkdir and removal of a
// subdirectory change the parent's count, files do not.
TEST_F(ProcFs, DirectoryNlinkIsTwoPlusSubdirectories) {
  net_ref n = test::new_net(*k);
  ASSERT_TRUE(n);
  const auto root_nlink = n->proc_net()->nlink;
  EXPECT_EQ(n->proc_net_stat()->nlink, 2u);
  register_ops();
  EXPECT_EQ(n->proc_net()->nlink, root_nlink + 2);  // t_dir, t_netdir
  EXPECT_EQ(n->proc_net_stat()->nlink, 2u);         // t_stat is a file
  auto dir = lookup(n->proc_net(), "t_dir");
  ASSERT_TRUE(dir);
  EXPECT_EQ(dir->nlink, 3u);  // t_deeper
  EXPECT_EQ(lookup(dir.get(), "t_deeper")->nlink, 2u);
  EXPECT_EQ(lookup(n->proc_net(), "t_netdir")->nlink, 2u);

  ASSERT_TRUE(proc_mkdir_data("more", 0, dir.get(), nullptr));
  EXPECT_EQ(dir->nlink, 4u);
  ASSERT_TRUE(proc_net_mkdir(*n, "more2", dir.get()));
  EXPECT_EQ(dir->nlink, 5u);
  ASSERT_TRUE(proc_create_net_single("file", 0, dir.get(), single_fn, &src));
  EXPECT_EQ(dir->nlink, 5u);
  remove_proc_entry("file", dir.get());
  EXPECT_EQ(dir->nlink, 5u);
  remove_proc_entry("more", dir.get());
  EXPECT_EQ(dir->nlink, 4u);
  remove_proc_entry("more2", dir.get());
  remove_proc_entry("t_deeper", dir.get());
  EXPECT_EQ(dir->nlink, 2u);
  remove_proc_entry("t_inner", dir.get());
  EXPECT_EQ(dir->nlink, 2u);

  unregister_pernet_subsys(*k, ops);
  EXPECT_EQ(n->proc_net()->nlink, root_nlink);
}

// A name already in the directory is EEXIST for every create function; the
// existing entry, the parent's nlink and the inode numbers are untouched.
// The same name in another directory is fine.
TEST_F(ProcFs, ADuplicateNameIsEEXIST) {
  net_ref n = net_with_entries();
  ASSERT_TRUE(n);
  proc_dir_entry* root = n->proc_net();
  const pde_ptr seq = lookup(root, "t_seq");
  const pde_ptr dir = lookup(root, "t_dir");
  const auto inums = k->inums().in_use();
  const auto nlink = root->nlink;
  const auto names = pde_readdir(*root);
  for (const char* name : {"t_seq", "t_dir", "t_single", "dev", "stat"}) {
    SCOPED_TRACE(name);
    expect_every_create_fails(*n, root, name, errc{EEXIST});
  }
  EXPECT_EQ(k->inums().in_use(), inums);
  EXPECT_EQ(root->nlink, nlink);
  EXPECT_EQ(pde_readdir(*root), names);
  EXPECT_EQ(lookup(root, "t_seq"), seq);
  EXPECT_EQ(seq->seq_ops, &src_ops);
  EXPECT_EQ(lookup(root, "t_dir"), dir);
  EXPECT_EQ(dir->nlink, 3u);
  // Another directory may hold the name.
  auto again = proc_create_net_single("t_seq", 0, dir.get(), single_fn, &src);
  ASSERT_TRUE(again);
  EXPECT_EQ((*again)->parent, dir.get());
  EXPECT_EQ(k->inums().in_use(), inums + 1);
}

// "", ".", "..", a name with '/' and one over 255 bytes are EINVAL for every
// create function, and take no inode number.
TEST_F(ProcFs, InvalidNamesAreEINVAL) {
  net_ref n = test::new_net(*k);
  ASSERT_TRUE(n);
  proc_dir_entry* root = n->proc_net();
  const auto inums = k->inums().in_use();
  const auto nlink = root->nlink;
  const auto names = pde_readdir(*root);
  const std::string too_long(256, 'x');
  for (std::string_view name :
       {std::string_view(""), std::string_view("."), std::string_view(".."),
        std::string_view("a/b"), std::string_view("/"), std::string_view("stat/x"),
        std::string_view("x/"), std::string_view(too_long)}) {
    SCOPED_TRACE(std::string(name.substr(0, 10)));
    expect_every_create_fails(*n, root, name, errc{EINVAL});
  }
  EXPECT_EQ(k->inums().in_use(), inums);
  EXPECT_EQ(root->nlink, nlink);
  EXPECT_EQ(pde_readdir(*root), names);
  EXPECT_EQ(n->proc_net_stat()->subdir.size(), 0u);
  // 255 bytes is the longest name.
  const std::string longest(255, 'y');
  ASSERT_TRUE(proc_create_net_single(longest, 0, root, single_fn, &src));
  EXPECT_TRUE(pde_lookup(*root, longest));
  remove_proc_entry(longest, root);
}

// Seq files need seq ops, single files a show method.
TEST_F(ProcFs, NullOpsOrShowIsEINVAL) {
  net_ref n = test::new_net(*k);
  ASSERT_TRUE(n);
  proc_dir_entry* root = n->proc_net();
  const auto inums = k->inums().in_use();
  EXPECT_EQ(proc_create_net_data("a", 0, root, nullptr, 0, &src).code(), errc{EINVAL});
  EXPECT_EQ(proc_create_net_data_write("b", 0, root, nullptr, write_fn, 0, &src).code(),
            errc{EINVAL});
  EXPECT_EQ(proc_create_net_single("c", 0, root, nullptr, &src).code(), errc{EINVAL});
  EXPECT_EQ(proc_create_net_single_write("d", 0, root, nullptr, write_fn, &src).code(),
            errc{EINVAL});
  EXPECT_EQ(k->inums().in_use(), inums);
  for (const char* name : {"a", "b", "c", "d"}) EXPECT_FALSE(pde_lookup(*root, name)) << name;
}

// __proc_create: every new entry takes its parent's uid and gid
// (proc_set_user on the parent changes what later children get).
TEST_F(ProcFs, EntriesInheritTheParentsOwner) {
  net_ref n = net_with_entries();
  ASSERT_TRUE(n);
  // A net of init_user_ns: everything is global root's.
  EXPECT_EQ(n->proc_net()->uid, global_root_uid);
  EXPECT_EQ(n->proc_net()->gid, global_root_gid);
  for (const char* name : {"t_seq", "t_single_w", "t_dir", "t_netdir"}) {
    EXPECT_EQ(lookup(n->proc_net(), name)->uid, global_root_uid) << name;
    EXPECT_EQ(lookup(n->proc_net(), name)->gid, global_root_gid) << name;
  }
  auto dir = proc_mkdir_data("owned", 0, n->proc_net(), nullptr);
  ASSERT_TRUE(dir);
  (*dir)->uid = kuid{1234};  // proc_set_user
  (*dir)->gid = kgid{4321};
  auto a = proc_create_net_data("a", 0, *dir, &src_ops, 0, &src);
  auto b = proc_create_net_data_write("b", 0, *dir, &src_ops, write_fn, 0, &src);
  auto c = proc_create_net_single("c", 0, *dir, single_fn, &src);
  auto d = proc_create_net_single_write("d", 0, *dir, single_fn, write_fn, &src);
  auto e = proc_mkdir_data("e", 0, *dir, nullptr);
  ASSERT_TRUE(a && b && c && d && e);
  for (proc_dir_entry* p : {*a, *b, *c, *d, *e}) {
    EXPECT_EQ(p->uid, kuid{1234}) << p->name;
    EXPECT_EQ(p->gid, kgid{4321}) << p->name;
  }
  auto f = proc_create_net_single("f", 0, *e, single_fn, &src);
  ASSERT_TRUE(f);
  EXPECT_EQ((*f)->uid, kuid{1234});
  EXPECT_EQ((*f)->gid, kgid{4321});
  remove_proc_entry("owned", n->proc_net());
}

// A net owned by a user namespace whose root maps: /proc/net, "stat",
// proc_net_mkdir directories and (by inheritance) every file are owned by
// that root, as the reference kernel shows (linux-behaviour.md section 8).
TEST_F(ProcFs, ProcNetMkdirIsOwnedByTheMappedRootOfTheNetsUserNamespace) {
  register_ops();
  cred c = cred::root(k->init_user_ns());
  ASSERT_TRUE(create_user_ns(c));
  const std::vector<uid_gid_extent> um{{0, 100000, 65536}}, gm{{0, 200000, 65536}};
  ASSERT_TRUE(c.user_ns->set_uid_map(um));
  ASSERT_TRUE(c.user_ns->set_gid_map(gm));
  auto r = copy_net_ns(CLONE_NEWNET, *c.user_ns, k->init_net(), global_root_uid);
  ASSERT_TRUE(r);
  net_ref n = std::move(*r);
  EXPECT_EQ(n->proc_net()->uid, kuid{100000});
  EXPECT_EQ(n->proc_net()->gid, kgid{200000});
  EXPECT_EQ(n->proc_net_stat()->uid, kuid{100000});
  EXPECT_EQ(n->proc_net_stat()->gid, kgid{200000});
  auto netdir = lookup(n->proc_net(), "t_netdir");
  ASSERT_TRUE(netdir);
  EXPECT_EQ(netdir->uid, kuid{100000});
  EXPECT_EQ(netdir->gid, kgid{200000});
  for (const char* name : {"t_seq", "t_single", "dev", "t_dir"}) {
    EXPECT_EQ(lookup(n->proc_net(), name)->uid, kuid{100000}) << name;
    EXPECT_EQ(lookup(n->proc_net(), name)->gid, kgid{200000}) << name;
  }
  EXPECT_EQ(lookup(n->proc_net_stat(), "t_stat")->uid, kuid{100000});
  // A later proc_net_mkdir, directly in a deeper directory.
  auto sub = proc_net_mkdir(*n, "sub", lookup(n->proc_net(), "t_dir").get());
  ASSERT_TRUE(sub);
  EXPECT_EQ((*sub)->uid, kuid{100000});
  EXPECT_EQ((*sub)->gid, kgid{200000});
  // The init net's entries stay global root's.
  EXPECT_EQ(lookup(k->init_net().proc_net(), "t_netdir")->uid, global_root_uid);
}

// When the user namespace's 0 does not map (no map yet, or a map without
// 0), proc_net_mkdir's directory is global root's; uid and gid are decided
// independently.
TEST_F(ProcFs, ProcNetMkdirIsGlobalRootsWhenTheRootDoesNotMap) {
  register_ops();
  {
    cred c = cred::root(k->init_user_ns());
    ASSERT_TRUE(create_user_ns(c));  // no maps at all
    auto r = copy_net_ns(CLONE_NEWNET, *c.user_ns, k->init_net(), global_root_uid);
    ASSERT_TRUE(r);
    net_ref n = std::move(*r);
    for (proc_dir_entry* p :
         {n->proc_net(), n->proc_net_stat(), lookup(n->proc_net(), "t_netdir").get()}) {
      ASSERT_NE(p, nullptr);
      EXPECT_EQ(p->uid, global_root_uid) << p->name;
      EXPECT_EQ(p->gid, global_root_gid) << p->name;
    }
  }
  {
    cred c = cred::root(k->init_user_ns());
    ASSERT_TRUE(create_user_ns(c));
    const std::vector<uid_gid_extent> um{{0, 1000, 1}}, gm{{1, 2000, 1}};  // gid 0 unmapped
    ASSERT_TRUE(c.user_ns->set_uid_map(um));
    ASSERT_TRUE(c.user_ns->set_gid_map(gm));
    auto r = copy_net_ns(CLONE_NEWNET, *c.user_ns, k->init_net(), global_root_uid);
    ASSERT_TRUE(r);
    net_ref n = std::move(*r);
    auto netdir = lookup(n->proc_net(), "t_netdir");
    ASSERT_TRUE(netdir);
    EXPECT_EQ(netdir->uid, kuid{1000});
    EXPECT_EQ(netdir->gid, global_root_gid);
    EXPECT_EQ(n->proc_net_stat()->uid, kuid{1000});
    EXPECT_EQ(n->proc_net_stat()->gid, global_root_gid);
  }
}

// fs/proc/generic.c keeps a directory's entries in an rbtree ordered by
// proc_match(): shorter names first, equal lengths by memcmp. readdir
// (getdents on /proc/net) walks it in that order.
TEST_F(ProcFs, ReaddirListsShorterNamesFirst) {
  net_ref n = test::new_net(*k);
  ASSERT_TRUE(n);
  auto dir = proc_mkdir_data("order", 0, n->proc_net(), nullptr);
  ASSERT_TRUE(dir);
  for (const char* name : {"zz", "aaa", "b", "dev", "ab"})
    ASSERT_TRUE(proc_create_net_single(name, 0, *dir, single_fn, &src));
  EXPECT_EQ(pde_readdir(**dir), (strings{"b", "ab", "zz", "aaa", "dev"}));
}

// ---- the tree made at first lookup -------------------------------------------------

// A namespace nobody looks into holds one inode number (its own) and no
// tree; the first lookup makes the root, "stat" and the built-ins'
// declared files, with the lowest free numbers.
TEST_F(ProcFs, ATreeIsMadeAtTheFirstLookupWithTheDeclaredFiles) {
  const auto before = k->inums().in_use();
  net_ref n = test::new_net(*k);
  ASSERT_TRUE(n);
  EXPECT_EQ(k->inums().in_use(), before + 1);
  EXPECT_EQ(proc_net_peek(*n), nullptr);
  auto root = proc_net_lookup_root(*n);
  ASSERT_TRUE(root);
  EXPECT_EQ(proc_net_peek(*n), *root);
  EXPECT_EQ(pde_readdir(**root), (strings{"dev", "stat"}));
  EXPECT_EQ((*root)->nlink, 3u);  // 2 + "stat"
  EXPECT_EQ(k->inums().in_use(), before + 3);
  // Made once: a second lookup is the same tree.
  EXPECT_EQ(*proc_net_lookup_root(*n), *root);
  EXPECT_EQ(k->inums().in_use(), before + 3);
  // Cleanup gives every number back, made or not.
  n.reset();
  k->settle();
  EXPECT_EQ(k->inums().in_use(), before);
}

// A file declared by an op registered later joins the trees already made
// at once and the others when they are made; unregistering takes it out
// of the made trees, which stay.
TEST_F(ProcFs, ADeclaredFileJoinsMadeTreesAtRegistrationAndOthersWhenMade) {
  static const proc_net_file files[] = {
      {.name = "t_decl", .show = single_fn},
      {.name = "t_sdecl", .in_stat = true, .show = single_fn},
  };
  pernet_operations decl{.name = "decl", .proc_files = files, .proc_files_count = 2};
  net_ref a = test::new_net(*k);
  net_ref b = test::new_net(*k);
  ASSERT_TRUE(a && b && a->proc_net());
  ASSERT_TRUE(register_pernet_subsys(*k, decl));
  EXPECT_TRUE(lookup(a->proc_net(), "t_decl"));
  EXPECT_TRUE(lookup(a->proc_net_stat(), "t_sdecl"));
  EXPECT_EQ(proc_net_peek(*b), nullptr);
  ASSERT_NE(b->proc_net(), nullptr);
  EXPECT_EQ(pde_readdir(*b->proc_net()), (strings{"dev", "stat", "t_decl"}));
  EXPECT_TRUE(lookup(b->proc_net_stat(), "t_sdecl"));
  const auto in_use = k->inums().in_use();
  unregister_pernet_subsys(*k, decl);
  EXPECT_EQ(k->inums().in_use(), in_use - 4);
  EXPECT_EQ(pde_readdir(*a->proc_net()), (strings{"dev", "stat"}));
  EXPECT_TRUE(pde_readdir(*b->proc_net_stat()).empty());
}

// A declared name another op declares too is refused at registration, in
// no tree or in many.
TEST_F(ProcFs, ADeclaredNameAlreadyDeclaredIsEEXIST) {
  static const proc_net_file dev[] = {{.name = "dev", .show = single_fn}};
  static const proc_net_file twice[] = {{.name = "x", .show = single_fn},
                                        {.name = "x", .show = single_fn}};
  static const proc_net_file in_stat[] = {{.name = "dev", .in_stat = true, .show = single_fn}};
  pernet_operations a{.name = "a", .proc_files = dev, .proc_files_count = 1};
  pernet_operations b{.name = "b", .proc_files = twice, .proc_files_count = 2};
  pernet_operations c{.name = "c", .proc_files = in_stat, .proc_files_count = 1};
  EXPECT_EQ(register_pernet_subsys(*k, a).code(), errc{EEXIST});
  EXPECT_EQ(register_pernet_subsys(*k, b).code(), errc{EEXIST});
  ASSERT_TRUE(register_pernet_subsys(*k, c));  // /proc/net/stat/dev is another file
  ASSERT_NE(k->init_net().proc_net_stat(), nullptr);
  EXPECT_TRUE(lookup(k->init_net().proc_net_stat(), "dev"));
  unregister_pernet_subsys(*k, c);
}

// A declared file whose name a file made by another op's init holds in a
// tree already made: the op's init is undone there (every exit phase ran
// once) and its registration fails with EEXIST; the other file stays.
TEST_F(ProcFs, ADeclaredFileClashingWithAMadeOneUndoesTheInit) {
  register_ops();  // makes init's tree, with t_seq
  static const proc_net_file clash[] = {{.name = "t_seq", .show = single_fn}};
  int inits = 0, pre_exits = 0, exits = 0, batches = 0;
  pernet_operations decl{.name = "clash",
                         .init = [&](net&) -> result<void> {
                           ++inits;
                           return ok();
                         },
                         .pre_exit = [&](net&) { ++pre_exits; },
                         .exit = [&](net&) { ++exits; },
                         .exit_batch = [&](std::span<net* const> nets) { batches += int(nets.size()); },
                         .proc_files = clash,
                         .proc_files_count = 1};
  const auto in_use = k->inums().in_use();
  EXPECT_EQ(register_pernet_subsys(*k, decl).code(), errc{EEXIST});
  EXPECT_EQ(inits, 1);
  EXPECT_EQ(pre_exits, 1);
  EXPECT_EQ(exits, 1);
  EXPECT_EQ(batches, 1);
  EXPECT_EQ(k->inums().in_use(), in_use);
  pde_ptr kept = lookup(k->init_net().proc_net(), "t_seq");
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->seq_ops, &src_ops);
}

// The owner is decided at the proc-net init, as proc_net_ns_init does: a
// uid map written after the namespace was made does not change it.
TEST_F(ProcFs, TheOwnerIsTheOneTheNamespaceHadAtItsInit) {
  cred c = cred::root(k->init_user_ns());
  ASSERT_TRUE(create_user_ns(c));
  auto r = copy_net_ns(CLONE_NEWNET, *c.user_ns, k->init_net(), global_root_uid);
  ASSERT_TRUE(r);
  net_ref n = std::move(*r);
  ASSERT_TRUE(c.user_ns->set_uid_map(std::vector<uid_gid_extent>{{0, 1000, 1}}));
  ASSERT_NE(n->proc_net(), nullptr);
  EXPECT_EQ(n->proc_net()->uid, global_root_uid);
  EXPECT_EQ(n->proc_net_stat()->uid, global_root_uid);
  // One made after the map was written is the mapped root's.
  auto r2 = copy_net_ns(CLONE_NEWNET, *c.user_ns, k->init_net(), global_root_uid);
  ASSERT_TRUE(r2);
  EXPECT_EQ((*r2)->proc_net()->uid, kuid{1000});
}

// A namespace whose exits ran gets no tree any more.
TEST_F(ProcFs, ADeadNamespaceGetsNoTree) {
  net_ref n = test::new_net(*k);
  ASSERT_TRUE(n);
  net_passive_ref keep = n->get_passive();
  net* raw = n.get();
  n.reset();
  k->settle();
  EXPECT_EQ(raw->proc_net(), nullptr);
  EXPECT_EQ(proc_net_lookup_root(*raw).code(), errc{ENOENT});
  EXPECT_EQ(proc_net_peek(*raw), nullptr);
}

// ---- inode numbers ---------------------------------------------------------------

// A new net takes a number, then its entries the next ones, in the order
// the subsystems create them: ours come last, in our creation order. (Our
// init makes the tree during setup; the built-ins' declared files join it
// then, in their place.)
TEST_F(ProcFs, EntriesTakeTheNumbersRightAfterTheNet) {
  ASSERT_NE(k->init_net().proc_net(), nullptr);
  const auto before = k->inums().in_use();
  register_ops();
  EXPECT_EQ(k->inums().in_use(), before + OUR_ENTRIES);  // in the init net
  net_ref n = test::new_net(*k);
  ASSERT_TRUE(n);
  const std::size_t total = test::count_proc_entries(*n->proc_net());
  EXPECT_EQ(total, test::init_proc_inums(*k));
  EXPECT_EQ(k->inums().in_use(), before + OUR_ENTRIES + 1 + total);
  // Every entry of the tree, and exactly the numbers after the net's.
  std::vector<std::uint32_t> seen;
  std::vector<const proc_dir_entry*> dirs{n->proc_net()};
  while (!dirs.empty()) {
    const proc_dir_entry* d = dirs.back();
    dirs.pop_back();
    for (const auto& name : pde_readdir(*d)) {
      pde_ptr e = pde_lookup(*d, name);
      ASSERT_TRUE(e);
      seen.push_back(e->low_ino);
      if (e->is_dir()) dirs.push_back(e.get());
    }
  }
  std::sort(seen.begin(), seen.end());
  ASSERT_EQ(seen.size(), total);
  for (std::size_t i = 0; i < total; ++i) EXPECT_EQ(seen[i], n->inum() + 1 + i) << "entry " << i;
  const std::uint32_t base = n->inum() + static_cast<std::uint32_t>(total - OUR_ENTRIES);
  auto dir = lookup(n->proc_net(), "t_dir");
  ASSERT_TRUE(dir);
  EXPECT_EQ(lookup(n->proc_net(), "t_seq")->low_ino, base + 1);
  EXPECT_EQ(lookup(n->proc_net(), "t_seq_w")->low_ino, base + 2);
  EXPECT_EQ(lookup(n->proc_net(), "t_single")->low_ino, base + 3);
  EXPECT_EQ(lookup(n->proc_net(), "t_single_w")->low_ino, base + 4);
  EXPECT_EQ(dir->low_ino, base + 5);
  EXPECT_EQ(lookup(dir.get(), "t_inner")->low_ino, base + 6);
  EXPECT_EQ(lookup(dir.get(), "t_deeper")->low_ino, base + 7);
  EXPECT_EQ(lookup(n->proc_net(), "t_netdir")->low_ino, base + 8);
  EXPECT_EQ(lookup(n->proc_net_stat(), "t_stat")->low_ino, base + 9);
  // The next net follows right after.
  net_ref m = test::new_net(*k);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->inum(), n->inum() + 1 + total);
}

// remove_proc_entry gives the number back: in_use goes down, and the
// lowest free number is the next one handed out.
TEST_F(ProcFs, RemoveFreesTheInodeNumber) {
  net_ref n = net_with_entries();
  ASSERT_TRUE(n);
  const auto in_use = k->inums().in_use();
  const auto ino = lookup(n->proc_net(), "t_single")->low_ino;
  remove_proc_entry("t_single", n->proc_net());
  EXPECT_EQ(k->inums().in_use(), in_use - 1);
  EXPECT_FALSE(pde_lookup(*n->proc_net(), "t_single"));
  auto again = proc_create_net_single("t_single2", 0, n->proc_net(), single_fn, &src);
  ASSERT_TRUE(again);
  EXPECT_EQ((*again)->low_ino, ino);
  EXPECT_EQ(k->inums().in_use(), in_use);
  remove_proc_entry("t_single2", n->proc_net());
  EXPECT_EQ(k->inums().in_use(), in_use - 1);
}

// Removing a directory unlinks, runs down and frees its whole subtree.
TEST_F(ProcFs, RemovingADirectoryFreesItsSubtree) {
  net_ref n = net_with_entries();
  ASSERT_TRUE(n);
  auto dir = lookup(n->proc_net(), "t_dir");
  ASSERT_TRUE(dir);
  ASSERT_TRUE(
      proc_create_net_single("leaf", 0, lookup(dir.get(), "t_deeper").get(), single_fn, &src));
  pde_ptr inner = lookup(dir.get(), "t_inner");
  pde_ptr leaf = lookup(lookup(dir.get(), "t_deeper").get(), "leaf");
  ASSERT_TRUE(inner && leaf);
  const auto in_use = k->inums().in_use();
  const auto nlink = n->proc_net()->nlink;
  const auto dir_ino = dir->low_ino;
  remove_proc_entry("t_dir", n->proc_net());
  EXPECT_EQ(k->inums().in_use(), in_use - 4);  // t_dir, t_inner, t_deeper, leaf
  EXPECT_EQ(n->proc_net()->nlink, nlink - 1);
  EXPECT_FALSE(pde_lookup(*n->proc_net(), "t_dir"));
  EXPECT_TRUE(pde_readdir(*dir).empty());
  EXPECT_EQ(proc_net_open(inner, false).code(), errc{ENOENT});
  EXPECT_EQ(proc_net_open(leaf, false).code(), errc{ENOENT});
  // The freed numbers are reused, lowest first.
  auto x = proc_mkdir_data("x", 0, n->proc_net(), nullptr);
  ASSERT_TRUE(x);
  EXPECT_EQ((*x)->low_ino, dir_ino);
}

// Registering adds the entries in every net; unregistering and cleanup
// give every number back.
TEST_F(ProcFs, UnregisterAndCleanupGiveEveryNumberBack) {
  ASSERT_NE(k->init_net().proc_net(), nullptr);
  const auto boot_inums = k->inums().in_use();
  net_ref a = test::new_net(*k);
  net_ref b = test::new_net(*k);
  ASSERT_TRUE(a && b && a->proc_net() && b->proc_net());
  const auto with_nets = k->inums().in_use();
  register_ops();
  EXPECT_EQ(k->inums().in_use(), with_nets + 3 * OUR_ENTRIES);
  unregister_pernet_subsys(*k, ops);
  EXPECT_EQ(k->inums().in_use(), with_nets);
  register_ops();
  a.reset();
  b.reset();
  k->settle();
  EXPECT_EQ(k->inums().in_use(), boot_inums + OUR_ENTRIES);
  unregister_pernet_subsys(*k, ops);
  EXPECT_EQ(k->inums().in_use(), boot_inums);
}

// ---- seq_file reading ------------------------------------------------------------

std::vector<std::string> sample_records() {
  std::vector<std::string> recs;
  for (int i = 0; i < 14; ++i) {
    const std::size_t len = static_cast<std::size_t>((i * 7) % 23);  // includes empty records
    std::string r;
    for (std::size_t j = 0; j < len; ++j) r += static_cast<char>('a' + (i + j) % 26);
    recs.push_back(r);
  }
  return recs;
}

// Reading everything at once gives the same bytes as reading in chunks of
// any size, and every read but the last returns exactly what was asked.
TEST_F(ProcFs, ChunkedReadsEqualOneRead) {
  src.records = sample_records();
  std::string expected;
  for (const auto& r : src.records) expected += r;
  net_ref n = net_with_entries();
  ASSERT_TRUE(n);
  pde_ptr p = lookup(n->proc_net(), "t_seq");
  auto whole = open(p);
  ASSERT_TRUE(whole);
  auto all = whole->read(expected.size() + 100);
  ASSERT_TRUE(all);
  EXPECT_EQ(*all, expected);
  EXPECT_EQ(*whole->read(100), "");
  for (std::size_t chunk = 1; chunk <= expected.size() + 1; ++chunk) {
    SCOPED_TRACE("chunk " + std::to_string(chunk));
    auto f = open(p);
    ASSERT_TRUE(f);
    std::string got;
    for (;;) {
      auto r = f->read(chunk);
      ASSERT_TRUE(r);
      if (r->empty()) break;
      EXPECT_EQ(r->size(), std::min(chunk, expected.size() - got.size()));
      got += *r;
      ASSERT_LE(got.size(), expected.size());
    }
    EXPECT_EQ(got, expected);
    EXPECT_EQ(*f->read(chunk), "");
  }
}

// A record larger than the read stays buffered and comes out across the
// following reads, without being shown again.
TEST_F(ProcFs, ARecordLargerThanTheReadComesAcrossSeveralReads) {
  const std::string big(100, 'B');
  src.records = {big, "tail\n"};
  net_ref n = net_with_entries();
  ASSERT_TRUE(n);
  auto f = open(lookup(n->proc_net(), "t_seq"));
  ASSERT_TRUE(f);
  src.reset_counts();
  EXPECT_EQ(*f->read(30), big.substr(0, 30));
  EXPECT_EQ(*f->read(30), big.substr(30, 30));
  EXPECT_EQ(*f->read(30), big.substr(60, 30));
  EXPECT_EQ(src.shows.load(), 1);
  EXPECT_EQ(*f->read(30), big.substr(90) + "tail\n");
  EXPECT_EQ(src.shows.load(), 2);
  EXPECT_EQ(*f->read(30), "");
}

// show() returning SEQ_SKIP drops what it printed for that record; the
// iteration goes on.
TEST_F(ProcFs, SeqSkipDropsTheRecordsOutput) {
  src.records = {"one\n", "two\n", "three\n", "four\n"};
  src.rets = {0, SEQ_SKIP, 0, SEQ_SKIP};
  net_ref n = net_with_entries();
  ASSERT_TRUE(n);
  pde_ptr p = lookup(n->proc_net(), "t_seq");
  auto f = open(p);
  ASSERT_TRUE(f);
  src.reset_counts();
  EXPECT_EQ(read_all(*f), "one\nthree\n");
  EXPECT_EQ(src.shows.load(), 4);
  for (std::size_t chunk : {1u, 2u, 5u}) {
    auto g = open(p);
    ASSERT_TRUE(g);
    EXPECT_EQ(read_all(*g, chunk), "one\nthree\n") << chunk;
  }
}

// A negative errno from show() is what read returns when it has nothing
// to return yet; the failing record is tried again by the next read.
TEST_F(ProcFs, ShowErrorIsReturnedWhenNothingWasRead) {
  src.records = {"bad\n", "good\n"};
  src.rets = {-EPERM, 0};
  net_ref n = net_with_entries();
  ASSERT_TRUE(n);
  auto f = open(lookup(n->proc_net(), "t_seq"));
  ASSERT_TRUE(f);
  src.reset_counts();
  auto r = f->read(100);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.code(), errc{EPERM});
  auto again = f->read(100);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.code(), errc{EPERM});
  EXPECT_EQ(src.shows.load(), 2);
  EXPECT_EQ(src.starts.load(), src.stops.load());
  // Once the record shows, reading goes on from it; its failed output was
  // not kept.
  src.rets = {0, 0};
  EXPECT_EQ(read_all(*f), "bad\ngood\n");
}

// The error stays behind what was produced before it: seq_read returns the
// records shown so far (copied > 0), and the next read reports the error.
TEST_F(ProcFs, ShowErrorAfterARecordComesAfterThatRecord) {
  src.records = {"ok\n", "bad\n", "never\n"};
  src.rets = {0, -ENOMEM, 0};
  net_ref n = net_with_entries();
  ASSERT_TRUE(n);
  auto f = open(lookup(n->proc_net(), "t_seq"));
  ASSERT_TRUE(f);
  auto first = f->read(100);
  ASSERT_TRUE(first) << "the record before the error was not returned first: "
                     << errno_name(first.error().errnum());
  EXPECT_EQ(*first, "ok\n");
  auto second = f->read(100);
  ASSERT_FALSE(second);
  EXPECT_EQ(second.code(), errc{ENOMEM});
  // Also when the earlier bytes were buffered by a previous read.
  auto g = open(lookup(n->proc_net(), "t_seq"));
  ASSERT_TRUE(g);
  EXPECT_EQ(*g->read(1), "o");
  auto rest = g->read(100);
  ASSERT_TRUE(rest);
  EXPECT_EQ(*rest, "k\n");
  EXPECT_EQ(g->read(100).code(), errc{ENOMEM});
}

// Every start() is followed by exactly one stop() before the read returns,
// whatever the chunk size, at EOF and after an error.
TEST_F(ProcFs, StartAndStopComeInBalancedPairs) {
  src.records = sample_records();
  net_ref n = net_with_entries();
  ASSERT_TRUE(n);
  pde_ptr p = lookup(n->proc_net(), "t_seq");
  for (std::size_t chunk : {1u, 3u, 16u, 1000u}) {
    auto f = open(p);
    ASSERT_TRUE(f);
    src.reset_counts();
    for (int i = 0; i < 400; ++i) {
      auto r = f->read(chunk);
      ASSERT_TRUE(r);
      EXPECT_EQ(src.starts.load(), src.stops.load()) << "chunk " << chunk;
      EXPECT_EQ(src.depth.load(), 0);
      if (r->empty()) break;
    }
    EXPECT_GT(src.starts.load(), 0);
    EXPECT_EQ(src.max_depth.load(), 1);
    (void)f->read(chunk);  // after EOF
    EXPECT_EQ(src.starts.load(), src.stops.load());
  }
  src.rets.assign(src.records.size(), 0);
  src.rets[3] = -EIO;
  auto f = open(p);
  ASSERT_TRUE(f);
  src.reset_counts();
  for (int i = 0; i < 5; ++i) {
    (void)f->read(7);
    EXPECT_EQ(src.starts.load(), src.stops.load());
    EXPECT_EQ(src.depth.load(), 0);
  }
}

// __seq_open_private: every open file has its own zeroed state of the
// entry's state_size bytes, the one show() sees as private_data.
TEST_F(ProcFs, PrivateStateIsZeroedAndPerOpenFile) {
  src.records = {"x\n"};
  net_ref n = net_with_entries();
  ASSERT_TRUE(n);
  pde_ptr p = lookup(n->proc_net(), "t_seq");
  ASSERT_EQ(p->state_size, STATE);
  auto a = open(p);
  auto b = open(p);
  ASSERT_TRUE(a && b);
  ASSERT_NE(a->private_data(), nullptr);
  ASSERT_NE(b->private_data(), nullptr);
  EXPECT_NE(a->private_data(), b->private_data());
  const std::vector<std::byte> zeros(STATE);
  EXPECT_EQ(std::memcmp(a->private_data(), zeros.data(), STATE), 0);
  std::memset(a->private_data(), 0x5a, STATE);  // all of it is the file's
  EXPECT_EQ(std::memcmp(b->private_data(), zeros.data(), STATE), 0);
  auto c = open(p);
  ASSERT_TRUE(c);
  EXPECT_EQ(std::memcmp(c->private_data(), zeros.data(), STATE), 0);
  EXPECT_EQ(read_all(*a), "x\n");
  EXPECT_EQ(src.seen_private.load(), a->private_data());
  EXPECT_EQ(read_all(*b), "x\n");
  EXPECT_EQ(src.seen_private.load(), b->private_data());
}

// single_open: the show method runs once (with SEQ_START_TOKEN), for the
// file's namespace; then the file is at EOF.
TEST_F(ProcFs, ASingleFileShowsOnceThenEOF) {
  net_ref n = net_with_entries();
  net_ref m = test::new_net(*k);
  ASSERT_TRUE(n && m);
  const std::string text = "single " + std::to_string(n->ns_id()) + "\n";
  src.reset_counts();
  auto f = open(lookup(n->proc_net(), "t_single"));
  ASSERT_TRUE(f);
  EXPECT_EQ(&f->net_ns(), n.get());
  EXPECT_EQ(f->pde_data(), &src);
  EXPECT_EQ(*f->read(4096), text);
  EXPECT_EQ(*f->read(4096), "");
  EXPECT_EQ(*f->read(4096), "");
  EXPECT_EQ(src.single_shows.load(), 1);
  EXPECT_FALSE(src.single_bad_token.load());
  // In small pieces: still one show.
  src.reset_counts();
  auto g = open(lookup(n->proc_net(), "t_single"));
  ASSERT_TRUE(g);
  EXPECT_EQ(read_all(*g, 3), text);
  EXPECT_EQ(src.single_shows.load(), 1);
  // Another net's file shows that net.
  EXPECT_EQ(read_file(*m, "t_single"), "single " + std::to_string(m->ns_id()) + "\n");
  auto s = open(lookup(n->proc_net_stat(), "t_stat"));
  ASSERT_TRUE(s);
  EXPECT_EQ(read_all(*s), text);
}

// ---- writing ---------------------------------------------------------------------

// proc_simple_write: no write method is EACCES, checked before the size.
TEST_F(ProcFs, WriteWithoutAMethodIsEACCES) {
  net_ref n = net_with_entries();
  ASSERT_TRUE(n);
  auto single = open(lookup(n->proc_net(), "t_single"), true);
  auto seq = open(lookup(n->proc_net(), "t_seq"), false);
  ASSERT_TRUE(single && seq);
  for (seq_file* f : {single.get(), seq.get()}) {
    EXPECT_EQ(f->write("1\n").code(), errc{EACCES});
    EXPECT_EQ(f->write("").code(), errc{EACCES});
    EXPECT_EQ(f->write(std::string(5000, 'x')).code(), errc{EACCES});
  }
  EXPECT_EQ(src.writes, 0);
}

// Empty writes and writes of more than a page less one are EINVAL, before
// the method runs; 4095 bytes are fine.
TEST_F(ProcFs, WriteSizeMustBeOneToPageSizeLessOne) {
  net_ref n = net_with_entries();
  ASSERT_TRUE(n);
  for (const char* name : {"t_seq_w", "t_single_w"}) {
    SCOPED_TRACE(name);
    auto f = open(lookup(n->proc_net(), name), true);
    ASSERT_TRUE(f);
    const int writes = src.writes;
    EXPECT_EQ(f->write("").code(), errc{EINVAL});
    EXPECT_EQ(f->write(std::string(4096, 'x')).code(), errc{EINVAL});
    EXPECT_EQ(f->write(std::string(100000, 'x')).code(), errc{EINVAL});
    EXPECT_EQ(src.writes, writes);
    auto ok4095 = f->write(std::string(4095, 'y'));
    ASSERT_TRUE(ok4095);
    EXPECT_EQ(*ok4095, 4095u);
    EXPECT_EQ(src.written, std::string(4095, 'y'));
    auto one = f->write("z");
    ASSERT_TRUE(one);
    EXPECT_EQ(*one, 1u);
    EXPECT_EQ(src.writes, writes + 2);
  }
}

// memdup_user_nul: the method gets every byte (NULs included) in a copy
// with a NUL after them, which it may modify.
TEST_F(ProcFs, TheWriteMethodGetsANulTerminatedCopy) {
  net_ref n = net_with_entries();
  ASSERT_TRUE(n);
  auto f = open(lookup(n->proc_net(), "t_seq_w"), true);
  ASSERT_TRUE(f);
  const std::string data("ab\0cd", 5);
  auto r = f->write(data);
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, 5u);
  EXPECT_EQ(src.written, data);
  EXPECT_TRUE(src.nul_terminated);
  EXPECT_EQ(data, std::string("ab\0cd", 5));  // the caller's bytes are untouched
  EXPECT_EQ(*f->write("xyz"), 3u);
  EXPECT_EQ(src.written, "xyz");
  EXPECT_TRUE(src.nul_terminated);
}

// The method's 0 makes write report every byte; a negative return is the
// errno.
TEST_F(ProcFs, WriteReportsTheSizeOrTheMethodsErrno) {
  net_ref n = net_with_entries();
  ASSERT_TRUE(n);
  for (const char* name : {"t_seq_w", "t_single_w"}) {
    SCOPED_TRACE(name);
    auto f = open(lookup(n->proc_net(), name), true);
    ASSERT_TRUE(f);
    src.write_ret = 0;
    EXPECT_EQ(*f->write("hello"), 5u);
    src.write_ret = -EPERM;
    EXPECT_EQ(f->write("hello").code(), errc{EPERM});
    src.write_ret = -ENOSPC;
    EXPECT_EQ(f->write("x").code(), errc{ENOSPC});
    src.write_ret = 0;
    EXPECT_EQ(*f->write(std::string(300, 'q')), 300u);
  }
}

// ---- opening ---------------------------------------------------------------------

// seq_open_net refuses a writer when the entry has no write method.
TEST_F(ProcFs, OpeningASeqFileForWriteNeedsAWriteMethod) {
  net_ref n = net_with_entries();
  ASSERT_TRUE(n);
  const int count = n->count();
  auto r = proc_net_open(lookup(n->proc_net(), "t_seq"), true);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.code(), errc{EACCES});
  EXPECT_EQ(n->count(), count);  // no reference leaked
  EXPECT_TRUE(proc_net_open(lookup(n->proc_net(), "t_seq"), false));
  auto w = proc_net_open(lookup(n->proc_net(), "t_seq_w"), true);
  ASSERT_TRUE(w);
  EXPECT_EQ(*(*w)->write("1"), 1u);
  // /proc/net/dev has no write method either.
  EXPECT_EQ(proc_net_open(lookup(n->proc_net(), "dev"), true).code(), errc{EACCES});
}

// single_open_net lets a writer open; the write itself fails.
TEST_F(ProcFs, ASingleFileWithoutAWriteMethodOpensForWrite) {
  net_ref n = net_with_entries();
  ASSERT_TRUE(n);
  auto f = proc_net_open(lookup(n->proc_net(), "t_single"), true);
  ASSERT_TRUE(f);
  EXPECT_EQ((*f)->write("1").code(), errc{EACCES});
  EXPECT_EQ((*f)->read(100).code(), errc{});
}

// Opening takes maybe_get_net: ENXIO once the net is dying (entries still
// there, the cleanup in progress), ENOENT once its entries are removed.
TEST_F(ProcFs, OpenIsENXIOWhileTheNetDiesAndENOENTAfter) {
  std::atomic<std::uint64_t> target{0};
  late.on_exit = [&](net& n) {
    if (n.ns_id() == target.load()) hold.pass();
  };
  register_ops();
  // After ours: its exit runs before ours removes the entries.
  ASSERT_TRUE(register_pernet_subsys(*k, late.ops));
  net_ref n = test::new_net(*k);
  ASSERT_TRUE(n);
  pde_ptr seq = lookup(n->proc_net(), "t_seq");
  pde_ptr single = lookup(n->proc_net(), "t_single");
  pde_ptr dev = lookup(n->proc_net(), "dev");
  ASSERT_TRUE(seq && single && dev);
  target = n->ns_id();
  n.reset();
  ASSERT_TRUE(hold.wait_entered());
  EXPECT_EQ(proc_net_open(seq, false).code(), errc{ENXIO});
  EXPECT_EQ(proc_net_open(single, false).code(), errc{ENXIO});
  EXPECT_EQ(proc_net_open(single, true).code(), errc{ENXIO});
  EXPECT_EQ(proc_net_open(dev, false).code(), errc{ENXIO});
  // seq_open_net checks the mode first.
  EXPECT_EQ(proc_net_open(seq, true).code(), errc{EACCES});
  hold.open();
  k->settle();
  EXPECT_EQ(proc_net_open(seq, false).code(), errc{ENOENT});
  EXPECT_EQ(proc_net_open(single, false).code(), errc{ENOENT});
  EXPECT_EQ(proc_net_open(dev, false).code(), errc{ENOENT});
  unregister_pernet_subsys(*k, late.ops);
}

// An open file holds a reference on its net: the count goes up by one, and
// the net is not cleaned up until the file is gone.
TEST_F(ProcFs, AnOpenFileHoldsItsNet) {
  src.records = {"r\n"};
  net_ref n = net_with_entries();
  ASSERT_TRUE(n);
  const int count = n->count();
  const auto cleaned = k->stats().nets_cleaned_up.load();
  auto f = open(lookup(n->proc_net(), "t_seq"));
  ASSERT_TRUE(f);
  EXPECT_EQ(n->count(), count + 1);
  auto g = open(lookup(n->proc_net(), "dev"));
  ASSERT_TRUE(g);
  EXPECT_EQ(n->count(), count + 2);
  g.reset();
  EXPECT_EQ(n->count(), count + 1);
  net* raw = n.get();
  n.reset();
  k->settle();
  EXPECT_EQ(k->stats().nets_cleaned_up.load(), cleaned);
  EXPECT_TRUE(raw->alive());
  EXPECT_EQ(raw->count(), 1);
  EXPECT_EQ(&f->net_ns(), raw);
  EXPECT_EQ(read_all(*f), "r\n");
  f.reset();  // the last reference
  k->settle();
  EXPECT_EQ(k->stats().nets_cleaned_up.load(), cleaned + 1);
}

// ---- removal while open ----------------------------------------------------------

// After the entry is removed (the subsystem unregisters), an open file's
// reads and writes are EIO, even with output still buffered; new opens
// are ENOENT.
TEST_F(ProcFs, ReadAndWriteAreEIOAfterTheEntryIsRemoved) {
  src.records = {"0123456789\n", "more\n"};
  net_ref n = net_with_entries();
  ASSERT_TRUE(n);
  pde_ptr seq = lookup(n->proc_net(), "t_seq");
  pde_ptr seq_w = lookup(n->proc_net(), "t_seq_w");
  auto r = open(seq);
  auto w = open(seq_w, true);
  ASSERT_TRUE(r && w);
  EXPECT_EQ(*r->read(3), "012");  // the rest of the record stays buffered
  unregister_pernet_subsys(*k, ops);
  EXPECT_EQ(r->read(100).code(), errc{EIO});
  EXPECT_EQ(w->read(100).code(), errc{EIO});
  EXPECT_EQ(w->write("x").code(), errc{EIO});
  EXPECT_EQ(r->write("x").code(), errc{EIO});
  EXPECT_EQ(proc_net_open(seq, false).code(), errc{ENOENT});
  EXPECT_FALSE(pde_lookup(*n->proc_net(), "t_seq"));
}

// The same with a direct remove_proc_entry; removing it again (and any
// missing name) is a no-op.
TEST_F(ProcFs, RemoveProcEntryOfAMissingNameIsANoOp) {
  net_ref n = net_with_entries();
  ASSERT_TRUE(n);
  auto f = open(lookup(n->proc_net(), "t_single_w"), true);
  ASSERT_TRUE(f);
  remove_proc_entry("t_single_w", n->proc_net());
  EXPECT_EQ(f->read(10).code(), errc{EIO});
  EXPECT_EQ(f->write("1").code(), errc{EIO});
  const auto in_use = k->inums().in_use();
  const auto nlink = n->proc_net()->nlink;
  const auto names = pde_readdir(*n->proc_net());
  remove_proc_entry("t_single_w", n->proc_net());
  remove_proc_entry("no_such", n->proc_net());
  remove_proc_entry("t_inner", n->proc_net());  // lives in t_dir, not here
  remove_proc_entry("", n->proc_net());
  EXPECT_EQ(k->inums().in_use(), in_use);
  EXPECT_EQ(n->proc_net()->nlink, nlink);
  EXPECT_EQ(pde_readdir(*n->proc_net()), names);
  EXPECT_TRUE(lookup(lookup(n->proc_net(), "t_dir").get(), "t_inner"));
  // The subsystem's exit (removing what is already gone) is fine too.
  unregister_pernet_subsys(*k, ops);
  EXPECT_FALSE(pde_lookup(*n->proc_net(), "t_seq"));
}

// remove_proc_entry waits for a read in progress (proc_entry_rundown).
TEST_F(ProcFs, RemoveWaitsForAReadInProgress) {
  src.records = {"slow\n"};
  net_ref n = net_with_entries();
  ASSERT_TRUE(n);
  auto f = open(lookup(n->proc_net(), "t_seq"));
  ASSERT_TRUE(f);
  gate in_show;
  src.block_show = &in_show;
  src.show_done = false;
  std::string got;
  std::thread reader([&] {
    auto r = f->read(100);
    if (r) got = *r;
  });
  auto join = scope_exit([&] {
    in_show.open();
    reader.join();
  });
  ASSERT_TRUE(in_show.wait_entered());
  std::atomic<bool> removed{false};
  std::thread remover([&] {
    remove_proc_entry("t_seq", n->proc_net());
    removed = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_FALSE(removed.load()) << "remove_proc_entry returned during a read";
  EXPECT_FALSE(src.show_done.load());
  in_show.open();
  remover.join();
  EXPECT_TRUE(removed.load());
  EXPECT_TRUE(src.show_done.load());
  reader.join();
  join.release();
  src.block_show = nullptr;
  EXPECT_EQ(got, "slow\n");
  EXPECT_EQ(f->read(100).code(), errc{EIO});
}

// proc_entry_rundown closes the files still open on a removed entry: their
// release method (seq_release_net / single_release_net) puts the net, so
// the files no longer keep the namespace.
TEST_F(ProcFs, RemovalReleasesTheNetReferenceOfOpenFiles) {
  net_ref n = net_with_entries();
  ASSERT_TRUE(n);
  const int count = n->count();
  auto f = open(lookup(n->proc_net(), "t_seq"));
  auto g = open(lookup(n->proc_net(), "t_single"));
  ASSERT_TRUE(f && g);
  EXPECT_EQ(n->count(), count + 2);
  remove_proc_entry("t_seq", n->proc_net());
  EXPECT_EQ(n->count(), count + 1);
  remove_proc_entry("t_single", n->proc_net());
  EXPECT_EQ(n->count(), count);
  const auto cleaned = k->stats().nets_cleaned_up.load();
  n.reset();
  k->settle();
  EXPECT_EQ(k->stats().nets_cleaned_up.load(), cleaned + 1);
  EXPECT_EQ(f->read(10).code(), errc{EIO});
}

// ---- /proc/net/dev ---------------------------------------------------------------

const std::string dev_header =
    "Inter-|   Receive                                                |  Transmit\n"
    " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs "
    "drop fifo colls carrier compressed\n";
const std::string lo_zero_row =
    "    lo:       0       0    0    0    0     0          0         0        0       0    0 "
    "   0    0     0       0          0\n";

net_device* add_dev(net& n, const std::string& name, int ifindex) {
  auto d = std::make_unique<net_device>();
  d->name = name;
  d->ifindex = ifindex;
  lock_guard rtnl(n.owner_kernel().rtnl());
  auto r = register_netdevice(n, std::move(d));
  EXPECT_TRUE(r) << name;
  return r ? *r : nullptr;
}

// The names of the rows after the two header lines.
strings dev_rows(const std::string& text) {
  strings out;
  std::size_t pos = 0;
  int line = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string l = text.substr(pos, end - pos);
    if (line++ >= 2) {
      std::string name = l.substr(0, l.find(':'));
      name.erase(0, name.find_first_not_of(' '));
      out.push_back(name);
    }
    pos = end + 1;
  }
  return out;
}

// linux-behaviour.md section 8: the two header lines and lo's row, all
// counters 0.
TEST_F(ProcFs, DevInAFreshNetIsExact) {
  net_ref n = test::new_net(*k);
  ASSERT_TRUE(n);
  EXPECT_EQ(read_file(*n, "dev"), dev_header + lo_zero_row);
  auto p = lookup(n->proc_net(), "dev");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->mode, static_cast<std::uint32_t>(S_IFREG | 0444));
  // Byte by byte too.
  auto f = open(p);
  ASSERT_TRUE(f);
  EXPECT_EQ(read_all(*f, 1), dev_header + lo_zero_row);
}

// Rows come in ifindex order, not registration or name order.
TEST_F(ProcFs, DevListsDevicesInIfindexOrder) {
  net_ref n = test::new_net(*k);
  ASSERT_TRUE(n);
  ASSERT_TRUE(add_dev(*n, "zz0", 7));
  ASSERT_TRUE(add_dev(*n, "aa0", 3));
  ASSERT_TRUE(add_dev(*n, "mm0", 5));
  ASSERT_TRUE(add_dev(*n, "veth-long-name", 4));
  const std::string text = read_file(*n, "dev");
  EXPECT_EQ(text.substr(0, dev_header.size()), dev_header);
  EXPECT_EQ(dev_rows(text), (strings{"lo", "aa0", "veth-long-name", "mm0", "zz0"}));
  EXPECT_NE(text.find("\nveth-long-name:       0"), std::string::npos);  // no truncation
  {
    lock_guard rtnl(k->rtnl());
    unregister_netdevice(*n, dev_get_by_name(*n, "mm0"));
  }
  EXPECT_EQ(dev_rows(read_file(*n, "dev")), (strings{"lo", "aa0", "veth-long-name", "zz0"}));
  // Another namespace shows only its own.
  net_ref m = test::new_net(*k);
  ASSERT_TRUE(m);
  EXPECT_EQ(read_file(*m, "dev"), dev_header + lo_zero_row);
}

// dev_seq_printf_stats: each counter in its column, with the kernel's
// widths (wider numbers push the line, nothing is cut).
TEST_F(ProcFs, DevPrintsEachCounterInItsColumn) {
  net_ref n = test::new_net(*k);
  ASSERT_TRUE(n);
  ASSERT_TRUE(add_dev(*n, "veth0", 2));
  {
    lock_guard rtnl(k->rtnl());
    net_device_stats& s = dev_get_by_name(*n, "veth0")->count();
    s.rx_bytes = 1001, s.rx_packets = 2, s.rx_errors = 3, s.rx_dropped = 4;
    s.rx_fifo_errors = 5, s.rx_frame_errors = 6, s.rx_compressed = 7, s.multicast = 8;
    s.tx_bytes = 9009, s.tx_packets = 10, s.tx_errors = 11, s.tx_dropped = 12;
    s.tx_fifo_errors = 13, s.collisions = 14, s.tx_carrier_errors = 15, s.tx_compressed = 16;
    net_device_stats& l = dev_get_by_name(*n, "lo")->count();
    l.rx_bytes = 12345678901ULL, l.rx_packets = 22, l.rx_errors = 333, l.rx_dropped = 4444;
    l.rx_fifo_errors = 55555, l.rx_frame_errors = 666666, l.rx_compressed = 7, l.multicast = 8;
    l.tx_bytes = 9, l.tx_packets = 10, l.tx_errors = 11, l.tx_dropped = 12;
    l.tx_fifo_errors = 13, l.collisions = 14, l.tx_carrier_errors = 15, l.tx_compressed = 16;
  }
  const std::string lo_row =
      "    lo: 12345678901      22  333 4444 55555 666666          7         8        9      10 "
      "  11   12   13    14      15         16\n";
  const std::string veth_row =
      " veth0:    1001       2    3    4    5     6          7         8     9009      10   11 "
      "  12   13    14      15         16\n";
  EXPECT_EQ(read_file(*n, "dev"), dev_header + lo_row + veth_row);
}

// Records are keyed by ifindex: a read that resumes after devices changed
// continues after the last ifindex shown (a new lower index is not shown,
// a new higher one is).
TEST_F(ProcFs, DevReadingResumesAfterTheLastIfindexShown) {
  net_ref n = test::new_net(*k);
  ASSERT_TRUE(n);
  ASSERT_TRUE(add_dev(*n, "a5", 5));
  auto f = open(lookup(n->proc_net(), "dev"));
  ASSERT_TRUE(f);
  std::string got;
  while (got.find("\n    a5:") == std::string::npos) {
    auto r = f->read(7);
    ASSERT_TRUE(r);
    ASSERT_FALSE(r->empty()) << "EOF before a5";
    got += *r;
  }
  ASSERT_TRUE(add_dev(*n, "b3", 3));
  ASSERT_TRUE(add_dev(*n, "c9", 9));
  got += read_all(*f, 7);
  EXPECT_EQ(dev_rows(got), (strings{"lo", "a5", "c9"}));
  EXPECT_EQ(dev_rows(read_file(*n, "dev")), (strings{"lo", "b3", "a5", "c9"}));
  // A device removed before it is reached is not shown.
  auto g = open(lookup(n->proc_net(), "dev"));
  ASSERT_TRUE(g);
  EXPECT_EQ(*g->read(dev_header.size()), dev_header);
  {
    lock_guard rtnl(k->rtnl());
    unregister_netdevice(*n, dev_get_by_name(*n, "a5"));
  }
  EXPECT_EQ(dev_rows(dev_header + read_all(*g, 5)), (strings{"lo", "b3", "c9"}));
}

// ---- concurrency -----------------------------------------------------------------

// Readers open and read /proc/net/dev (and our files, which come and go)
// while the subsystem registers and unregisters: every read is whole or
// fails with EIO/ENOENT, never anything else.
TEST_F(ProcFs, ReadersRaceWithRegistration) {
  src.records = {"alpha\n", "beta\n"};
  net_ref n = test::new_net(*k);
  ASSERT_TRUE(n);
  ASSERT_TRUE(add_dev(*n, "eth0", 2));
  const std::string dev_text = dev_header + lo_zero_row +
                               "  eth0:       0       0    0    0    0     0          0         "
                               "0        0       0    0    0    0     0       0          0\n";
  std::atomic<bool> done{false};
  auto reader = [&](net& target) {
    while (!done.load()) {
      pde_ptr dev = pde_lookup(*target.proc_net(), "dev");
      EXPECT_TRUE(dev);
      if (dev) {
        auto f = proc_net_open(dev, false);
        EXPECT_TRUE(f);
        if (f) {
          std::string text;
          for (;;) {
            auto r = (*f)->read(64);
            EXPECT_TRUE(r);
            if (!r || r->empty()) break;
            text += *r;
          }
          if (&target == n.get()) {
            EXPECT_EQ(text, dev_text);
          }
        }
      }
      for (const char* name : {"t_seq", "t_single"}) {
        pde_ptr p = pde_lookup(*target.proc_net(), name);
        if (!p) continue;
        auto f = proc_net_open(p, false);
        if (!f) {
          EXPECT_EQ(f.code(), errc{ENOENT});
          continue;
        }
        // In pieces, so that removals land between the reads too.
        std::string text;
        result<std::string> r = std::string();
        do {
          r = (*f)->read(4);
          if (r) text += *r;
        } while (r && !r->empty());
        if (r) {
          if (std::string_view(name) == "t_seq") {
            EXPECT_EQ(text, "alpha\nbeta\n");
          }
        } else {
          EXPECT_EQ(r.code(), errc{EIO});
        }
      }
    }
  };
  std::vector<std::thread> readers;
  readers.emplace_back(reader, std::ref(*n));
  readers.emplace_back(reader, std::ref(*n));
  readers.emplace_back(reader, std::ref(k->init_net()));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(300);
  for (int i = 0; i < 3000 && std::chrono::steady_clock::now() < deadline; ++i) {
    EXPECT_TRUE(register_pernet_subsys(*k, ops));
    unregister_pernet_subsys(*k, ops);
  }
  done = true;
  for (auto& t : readers) t.join();
  EXPECT_FALSE(pde_lookup(*n->proc_net(), "t_seq"));
  EXPECT_EQ(read_file(*n, "dev"), dev_text);
}

}  // namespace
}  // namespace netns
