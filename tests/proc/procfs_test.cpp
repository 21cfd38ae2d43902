// SPDX-License-Identifier: GPL-2.0-only
// procfs as tasks see it (linux-behaviour.md sections 5 and 8, and probes
// on the reference kernel): /proc/net follows the reader, per-net entries
// and their owners, ENXIO for a dying net, /proc/<pid>/fd, the sysctls
// somaxconn and max_*_namespaces, and uid_map / gid_map / setgroups.
#include <gtest/gtest.h>

#include <array>
#include <climits>
#include <string>

#include "netns/core/proc_fs.hpp"
#include "netns/subsys/builtin.hpp"
#include "netns/machine/machine.hpp"
#include "netns/task/syscalls.hpp"
#include "support/test_util.hpp"
#include "support/task_util.hpp"

namespace netns {
namespace {

using test::link;
using test::spawn;

using test::gate;
using test::recorder;
using test::event_log;

const errc E(int e) { return errc{e}; }

std::string err(const failure& f) { return std::string("error ") + errno_name(f.code.value); }

// `cat PATH`: everything, read in 4 KiB pieces, or "error ENAME".
std::string cat(task& t, std::string_view path, std::size_t chunk = 4096) {
  auto fd = sys_open(t, path, O_RDONLY);
  if (!fd) return err(fd.error());
  std::string out;
  for (;;) {
    auto r = sys_read(t, *fd, chunk);
    if (!r) {
      (void)sys_close(t, *fd);
      return err(r.error());
    }
    if (r->empty()) break;
    out += *r;
  }
  (void)sys_close(t, *fd);
  return out;
}

// `write PATH TEXT`: one write of the whole text; "ok N" (bytes) or "error ENAME".
std::string put(task& t, std::string_view path, std::string_view text) {
  auto fd = sys_open(t, path, O_WRONLY);
  if (!fd) return err(fd.error());
  auto r = sys_write(t, *fd, text);
  (void)sys_close(t, *fd);
  if (!r) return err(r.error());
  return "ok " + std::to_string(*r);
}

using test::become_nobody;

std::string pid_path(task& t, std::string_view rest) {
  return "/proc/" + std::to_string(t.pid()) + std::string(rest);
}

constexpr std::string_view kFreshDev =
    "Inter-|   Receive                                                |  Transmit\n"
    " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs "
    "drop fifo colls carrier compressed\n"
    "    lo:       0       0    0    0    0     0          0         0        0       0    0    "
    "0    0     0       0          0\n";

class Procfs : public ::testing::Test {
 protected:
  Procfs() : init(m.init_task()) {}
  machine m;
  task& init;
};

// ---- /proc/net ---------------------------------------------------------------------------

TEST_F(Procfs, ProcNetIsASymlinkToSelfNet) {
  EXPECT_EQ(link(init, "/proc/net"), "self/net");
  auto st = sys_lstat(init, "/proc/net");
  ASSERT_TRUE(st);
  EXPECT_EQ(st->mode, unsigned(S_IFLNK | 0777));
  auto dir = sys_stat(init, "/proc/self/net");
  ASSERT_TRUE(dir);
  EXPECT_EQ(dir->mode, unsigned(S_IFDIR | 0555));
  EXPECT_EQ(dir->uid, global_root_uid);
  EXPECT_EQ(dir->dev, fs::procfs_dev);
}

TEST_F(Procfs, DevOfAFreshNamespaceIsByteIdenticalToLinux) {
  auto t = spawn(m, init);
  ASSERT_TRUE(sys_unshare(*t, CLONE_NEWNET));
  EXPECT_EQ(cat(*t, "/proc/net/dev"), kFreshDev);
  EXPECT_EQ(cat(*t, "/proc/self/net/dev"), kFreshDev);
  // Small reads give the same bytes.
  for (std::size_t chunk : {1, 7, 64, 129})
    EXPECT_EQ(cat(*t, "/proc/net/dev", chunk), kFreshDev) << chunk;
  auto st = sys_stat(*t, "/proc/net/dev");
  ASSERT_TRUE(st);
  EXPECT_EQ(st->mode, unsigned(S_IFREG | 0444));
  EXPECT_EQ(st->dev, fs::procfs_dev);
}

TEST_F(Procfs, DevListsEveryDeviceInIfindexOrderWithItsCounters) {
  net_ref n = init.net_ns();
  {
    lock_guard rtnl(m.k().rtnl());
    auto d = std::make_unique<net_device>();
    d->name = "veth0";
    d->count().rx_bytes = 19178758;
    d->count().rx_packets = 510;
    d->count().tx_bytes = 7;
    ASSERT_TRUE(register_netdevice(*n, std::move(d)));
  }
  const std::string dev = cat(init, "/proc/net/dev");
  EXPECT_NE(dev.find("    lo:       0"), std::string::npos);
  const std::string row =
      " veth0: 19178758     510    0    0    0     0          0         0        7       0    0    "
      "0    0     0       0          0\n";
  EXPECT_NE(dev.find(row), std::string::npos) << dev;
  EXPECT_LT(dev.find("lo:"), dev.find("veth0:"));
}

TEST_F(Procfs, FreshNamespaceDirectoryHasTheBuiltInEntries) {
  auto t = spawn(m, init);
  ASSERT_TRUE(sys_unshare(*t, CLONE_NEWNET));
  auto names = sys_readdir(*t, "/proc/self/net");
  ASSERT_TRUE(names);
  for (const char* want : {"dev", "stat"})
    EXPECT_NE(std::find(names->begin(), names->end(), want), names->end()) << want;
  auto st = sys_stat(*t, "/proc/net/stat");
  ASSERT_TRUE(st);
  EXPECT_EQ(st->mode, unsigned(S_IFDIR | 0555));
  EXPECT_EQ(sys_stat(*t, "/proc/net/nosuch").code(), E(ENOENT));
  EXPECT_EQ(sys_open(*t, "/proc/net/dev/x", O_RDONLY).code(), E(ENOTDIR));
}

// /proc/<pid>/net shows that task's namespace, whoever reads it; /proc/net
// shows the reader's.
TEST_F(Procfs, ProcNetFollowsTheReaderAndPidNetFollowsThePid) {
  net_ref n = init.net_ns();
  {
    lock_guard rtnl(m.k().rtnl());
    auto d = std::make_unique<net_device>();
    d->name = "eth0";
    ASSERT_TRUE(register_netdevice(*n, std::move(d)));
  }
  auto t = spawn(m, init);
  ASSERT_TRUE(sys_unshare(*t, CLONE_NEWNET));
  EXPECT_EQ(cat(*t, "/proc/net/dev"), kFreshDev);
  EXPECT_NE(cat(init, "/proc/net/dev").find("eth0:"), std::string::npos);
  // Each reads the other's through /proc/<pid>/net.
  EXPECT_EQ(cat(init, pid_path(*t, "/net/dev")), kFreshDev);
  EXPECT_NE(cat(*t, "/proc/1/net/dev").find("eth0:"), std::string::npos);
  EXPECT_EQ(cat(init, pid_path(*t, "/task/" + std::to_string(t->pid()) + "/net/dev")), kFreshDev);
}

// The same path changes when the task moves (setns), and an open file keeps
// showing the namespace it was opened in.
TEST_F(Procfs, ProcNetFollowsSetnsButAnOpenFileKeepsItsNamespace) {
  net_ref n = init.net_ns();
  {
    lock_guard rtnl(m.k().rtnl());
    auto d = std::make_unique<net_device>();
    d->name = "eth0";
    ASSERT_TRUE(register_netdevice(*n, std::move(d)));
  }
  auto t = spawn(m, init);
  auto home = sys_open(*t, "/proc/self/ns/net", O_RDONLY);
  ASSERT_TRUE(home);
  ASSERT_TRUE(sys_unshare(*t, CLONE_NEWNET));
  auto fd = sys_open(*t, "/proc/net/dev", O_RDONLY);
  ASSERT_TRUE(fd);
  ASSERT_TRUE(sys_setns(*t, *home, CLONE_NEWNET));
  EXPECT_NE(cat(*t, "/proc/net/dev").find("eth0:"), std::string::npos);
  auto r = sys_read(*t, *fd, 4096);
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, kFreshDev);
  const auto before = m.k().stats().nets_cleaned_up.load();
  // The open file holds the otherwise unreferenced namespace.
  m.k().settle();
  EXPECT_EQ(m.k().stats().nets_cleaned_up.load(), before);
  ASSERT_TRUE(sys_close(*t, *fd));
  m.k().settle();
  EXPECT_EQ(m.k().stats().nets_cleaned_up.load(), before + 1);
}

// Writing a /proc/net seq file without a write method: EACCES at open.
TEST_F(Procfs, OpeningDevForWritingIsEacces) {
  EXPECT_EQ(sys_open(init, "/proc/net/dev", O_WRONLY).code(), E(EACCES));
  EXPECT_EQ(sys_open(init, "/proc/net/dev", O_RDWR).code(), E(EACCES));
  auto t = spawn(m, init);
  become_nobody(*t);
  // Without CAP_DAC_OVERRIDE the mode bits refuse first.
  EXPECT_EQ(sys_open(*t, "/proc/net/dev", O_WRONLY).code(), E(EACCES));
  EXPECT_EQ(cat(*t, "/proc/net/dev").substr(0, 6), "Inter-");
}

// Owners (s8_owner.py): a net owned by a user namespace that maps root to
// 100000:200000 has its /proc/net entries owned by 100000:200000; the
// /proc/<pid>/net directory itself follows the task's euid/egid.
TEST_F(Procfs, EntriesOfANetInAUserNamespaceBelongToItsRoot) {
  auto t = spawn(m, init);
  ASSERT_TRUE(sys_unshare(*t, CLONE_NEWUSER));
  const std::array<uid_gid_extent, 1> umap{{{0, 100000, 65536}}};
  const std::array<uid_gid_extent, 1> gmap{{{0, 200000, 65536}}};
  ASSERT_TRUE(t->creds().user_ns->set_uid_map(umap));
  ASSERT_TRUE(t->creds().user_ns->set_gid_map(gmap));
  ASSERT_TRUE(sys_unshare(*t, CLONE_NEWNET));
  // The task is still host root: its ids do not map inside.
  auto dev = sys_stat(init, pid_path(*t, "/net/dev"));
  ASSERT_TRUE(dev);
  EXPECT_EQ(dev->uid, kuid{100000});
  EXPECT_EQ(dev->gid, kgid{200000});
  auto stat_dir = sys_stat(init, pid_path(*t, "/net/stat"));
  ASSERT_TRUE(stat_dir);
  EXPECT_EQ(stat_dir->uid, kuid{100000});
  auto dir = sys_stat(init, pid_path(*t, "/net"));
  ASSERT_TRUE(dir);
  EXPECT_EQ(dir->uid, global_root_uid);  // the task's euid
  // After setresuid(0) inside, the task is 100000 on the host.
  ASSERT_TRUE(sys_setresuid(*t, 0, 0, 0));
  dir = sys_stat(init, pid_path(*t, "/net"));
  ASSERT_TRUE(dir);
  EXPECT_EQ(dir->uid, kuid{100000});
  EXPECT_EQ(dir->gid, global_root_gid);  // the model's task kept egid 0 (no setresgid)
  // The task is no longer dumpable: its other files belong to root (probed).
  EXPECT_EQ(sys_stat(init, pid_path(*t, ""))->uid, kuid{100000});
  EXPECT_EQ(sys_stat(init, pid_path(*t, "/fd"))->uid, global_root_uid);
  EXPECT_EQ(sys_stat(init, pid_path(*t, "/uid_map"))->uid, global_root_uid);
  EXPECT_EQ(sys_stat(init, pid_path(*t, "/ns"))->uid, global_root_uid);
}

// A net owned by a user namespace whose root does not map: its entries keep
// the global root as owner (proc_net_ns_init's fallback).
TEST_F(Procfs, EntriesFallBackToGlobalRootWhenRootIsUnmapped) {
  auto t = spawn(m, init);
  ASSERT_TRUE(sys_unshare(*t, CLONE_NEWUSER | CLONE_NEWNET));
  auto dev = sys_stat(init, pid_path(*t, "/net/dev"));
  ASSERT_TRUE(dev);
  EXPECT_EQ(dev->uid, global_root_uid);
  EXPECT_EQ(dev->gid, global_root_gid);
}

// A /proc/net file reached while its namespace is dying (count zero, exits
// not yet run) gives ENXIO; once the exits ran it is gone: ENOENT.
TEST_F(Procfs, OpeningAFileOfADyingNetIsEnxioThenEnoent) {
  event_log log;
  recorder slow(log, "slow");
  gate hold;
  auto opener = scope_exit([&] { hold.open(); });
  std::atomic<std::uint64_t> victim{0};
  slow.on_exit = [&](net& n) {
    if (n.ns_id() == victim.load()) hold.pass();
  };
  ASSERT_TRUE(register_pernet_subsys(m.k(), slow.ops));
  auto t = spawn(m, init);
  auto home = sys_open(*t, "/proc/self/ns/net", O_RDONLY);
  ASSERT_TRUE(home);
  ASSERT_TRUE(sys_unshare(*t, CLONE_NEWNET));
  victim = t->net_ns()->ns_id();
  // An O_PATH fd names the file without opening it (no net reference).
  auto path_fd = sys_open(*t, "/proc/self/net/dev", O_PATH);
  ASSERT_TRUE(path_fd);
  ASSERT_TRUE(sys_setns(*t, *home, CLONE_NEWNET));
  ASSERT_TRUE(hold.wait_entered());
  const std::string again = "/proc/self/fd/" + std::to_string(*path_fd);
  EXPECT_EQ(link(*t, again), pid_path(*t, "/net/dev"));
  EXPECT_EQ(sys_open(*t, again, O_RDONLY).code(), E(ENXIO));
  hold.open();
  m.k().settle();
  EXPECT_EQ(sys_open(*t, again, O_RDONLY).code(), E(ENOENT));
  ASSERT_TRUE(sys_close(*t, *path_fd));
  unregister_pernet_subsys(m.k(), slow.ops);
}

// ---- /proc/<pid>/fd ----------------------------------------------------------------------

TEST_F(Procfs, FdLinksNameTheOpenFiles) {
  auto ns = sys_open(init, "/proc/self/ns/net", O_RDONLY);
  ASSERT_TRUE(ns);
  ASSERT_TRUE(sys_mkdir(init, "/run/d", 0755));
  auto f = sys_open(init, "/run/d/file", O_RDWR | O_CREAT | O_EXCL, 0644);
  ASSERT_TRUE(f);
  EXPECT_EQ(link(init, "/proc/self/fd/" + std::to_string(*ns)), "net:[4026531833]");
  EXPECT_EQ(link(init, "/proc/self/fd/" + std::to_string(*f)), "/run/d/file");
  auto names = sys_readdir(init, "/proc/self/fd");
  ASSERT_TRUE(names);
  EXPECT_EQ(names->size(), 2u);
  // Opening the link opens the same inode afresh.
  auto again = sys_open(init, "/proc/self/fd/" + std::to_string(*ns), O_RDONLY);
  ASSERT_TRUE(again);
  EXPECT_EQ(sys_fstat(init, *again)->ino, 4026531833u);
  auto st = sys_lstat(init, "/proc/self/fd/" + std::to_string(*f));
  ASSERT_TRUE(st);
  EXPECT_EQ(st->mode, unsigned(S_IFLNK | 0700));
  EXPECT_EQ(sys_lstat(init, "/proc/self/fd/" + std::to_string(*ns))->mode, unsigned(S_IFLNK | 0500));
  EXPECT_EQ(link(init, "/proc/self/fd/99"), "error ENOENT");
  EXPECT_EQ(link(init, "/proc/self/fd/007"), "error ENOENT");
}

// d_path of the open file (probed; conformance/96): the path it was opened
// by, a namespace file's name unless it is a bind mount's root, "/" and
// below once its mount is lazily unmounted, " (deleted)" once unlinked.
TEST_F(Procfs, FdLinksShowWhereTheFileWasOpened) {
  auto fd_link = [&](int fd) { return link(init, "/proc/self/fd/" + std::to_string(fd)); };
  ASSERT_TRUE(sys_mkdir(init, "/run/d", 0755));
  ASSERT_TRUE(sys_mkdir(init, "/run/e", 0755));
  auto f = sys_open(init, "/run/d/f", O_RDWR | O_CREAT | O_EXCL, 0644);
  auto dir = sys_open(init, "/run/../run/d/", O_PATH);
  auto e = sys_open(init, "/run/e", O_RDONLY | O_DIRECTORY);
  ASSERT_TRUE(f && dir && e);
  EXPECT_EQ(fd_link(*f), "/run/d/f");
  EXPECT_EQ(fd_link(*dir), "/run/d");
  auto made = sys_open(init, "/run/netns/x", O_RDONLY | O_CREAT | O_EXCL, 0);
  ASSERT_TRUE(made);
  ASSERT_TRUE(sys_close(init, *made));
  ASSERT_TRUE(sys_mount_bind(init, "/proc/self/ns/net", "/run/netns/x"));
  auto named = sys_open(init, "/run/netns/x", O_RDONLY);
  auto by_link = sys_open(init, "/proc/self/ns/net", O_RDONLY);
  auto by_path = sys_open(init, "/proc/self/ns/net", O_PATH);
  ASSERT_TRUE(named && by_link && by_path);
  const std::string text = "net:[" + std::to_string(init.net_ns()->inum()) + "]";
  EXPECT_EQ(fd_link(*named), "/run/netns/x");
  EXPECT_EQ(fd_link(*by_link), text);
  EXPECT_EQ(fd_link(*by_path), text);
  // Through the fd links: the same places.
  auto named2 = sys_open(init, "/proc/self/fd/" + std::to_string(*named), O_RDONLY);
  auto by_link2 = sys_open(init, "/proc/self/fd/" + std::to_string(*by_link), O_RDONLY);
  ASSERT_TRUE(named2 && by_link2);
  EXPECT_EQ(fd_link(*named2), "/run/netns/x");
  EXPECT_EQ(fd_link(*by_link2), text);

  ASSERT_TRUE(sys_umount_detach(init, "/run/netns/x"));
  EXPECT_EQ(fd_link(*named), "/");
  EXPECT_EQ(fd_link(*named2), "/");
  EXPECT_EQ(fd_link(*by_link), text);

  ASSERT_TRUE(sys_unlink(init, "/run/d/f"));
  EXPECT_EQ(fd_link(*f), "/run/d/f (deleted)");
  EXPECT_EQ(sys_fstat(init, *f)->nlink, 0u);
  ASSERT_TRUE(sys_rmdir(init, "/run/e"));
  EXPECT_EQ(fd_link(*e), "/run/e (deleted)");
  EXPECT_EQ(sys_fstat(init, *e)->nlink, 0u);
  EXPECT_EQ(fd_link(*dir), "/run/d");
  EXPECT_EQ(sys_fstat(init, *dir)->nlink, 2u);
}

// Opening another task's fd link opens its file where it was opened, and
// the walk holds that file: the other task may close it meanwhile.
TEST_F(Procfs, AnotherTasksFdLinkOpensItsFileWhereItWasOpened) {
  ASSERT_TRUE(sys_mkdir(init, "/run/d", 0755));
  ASSERT_TRUE(sys_mkdir(init, "/run/e", 0755));
  auto made = sys_open(init, "/run/d/f", O_WRONLY | O_CREAT | O_EXCL, 0644);
  ASSERT_TRUE(made);
  ASSERT_TRUE(sys_close(init, *made));
  ASSERT_TRUE(sys_mount_bind(init, "/run/d", "/run/e"));
  auto t = spawn(m, init);
  auto tf = sys_open(*t, "/run/e/f", O_RDONLY);
  auto tdir = sys_open(*t, "/run/e", O_RDONLY);
  ASSERT_TRUE(tf && tdir);
  auto mine = sys_open(init, pid_path(*t, "/fd/" + std::to_string(*tf)), O_RDONLY);
  auto below = sys_open(init, pid_path(*t, "/fd/" + std::to_string(*tdir) + "/f"), O_RDONLY);
  ASSERT_TRUE(mine && below);
  ASSERT_TRUE(sys_close(*t, *tf));
  ASSERT_TRUE(m.exit(*t));
  EXPECT_EQ(link(init, "/proc/self/fd/" + std::to_string(*mine)), "/run/e/f");
  EXPECT_EQ(link(init, "/proc/self/fd/" + std::to_string(*below)), "/run/e/f");
  ASSERT_TRUE(sys_umount_detach(init, "/run/e"));
  EXPECT_EQ(link(init, "/proc/self/fd/" + std::to_string(*mine)), "/f");
  EXPECT_EQ(link(init, "/proc/self/fd/" + std::to_string(*below)), "/f");
}

TEST_F(Procfs, AnotherUsersFdsNeedPtraceAccess) {
  auto a = spawn(m, init);
  auto b = spawn(m, init);
  become_nobody(*b);
  auto fd = sys_open(*a, "/proc/self/ns/net", O_RDONLY);
  ASSERT_TRUE(fd);
  const std::string p = pid_path(*a, "/fd/" + std::to_string(*fd));
  EXPECT_EQ(link(*b, p), "error EACCES");
  EXPECT_EQ(sys_readdir(*b, pid_path(*a, "/fd")).code(), E(EACCES));
  EXPECT_EQ(link(init, p), "net:[4026531833]");
}

// ---- /proc/sys/net/core/somaxconn ----------------------------------------------------------

TEST_F(Procfs, SomaxconnIsPerNamespace) {
  EXPECT_EQ(cat(init, "/proc/sys/net/core/somaxconn"), "4096\n");
  auto t = spawn(m, init);
  ASSERT_TRUE(sys_unshare(*t, CLONE_NEWNET));
  EXPECT_EQ(cat(*t, "/proc/sys/net/core/somaxconn"), "4096\n");
  EXPECT_EQ(put(*t, "/proc/sys/net/core/somaxconn", "1024"), "ok 4");
  EXPECT_EQ(cat(*t, "/proc/sys/net/core/somaxconn"), "1024\n");
  EXPECT_EQ(cat(init, "/proc/sys/net/core/somaxconn"), "4096\n");
  EXPECT_EQ(t->net_ns()->core.sysctl_somaxconn, 1024);
  auto st = sys_stat(*t, "/proc/sys/net/core/somaxconn");
  ASSERT_TRUE(st);
  EXPECT_EQ(st->mode, unsigned(S_IFREG | 0644));
  EXPECT_EQ(st->uid, global_root_uid);
}

// The text rules of proc_dointvec_minmax, probed on the reference kernel.
TEST_F(Procfs, SomaxconnWritesFollowTheKernelsParser) {
  const char* p = "/proc/sys/net/core/somaxconn";
  struct row {
    const char* text;
    const char* result;
    const char* after;
  } rows[] = {
      {"1024", "ok 4", "1024\n"},      {"  77\n", "ok 5", "77\n"},
      {"5x", "error EINVAL", "77\n"},  {"", "ok 0", "77\n"},
      {"\n", "error EINVAL", "77\n"},  {"-1", "error EINVAL", "77\n"},
      {"2147483647", "ok 10", "2147483647\n"}, {"2147483648", "error EINVAL", "2147483647\n"},
      {"3 4", "ok 2", "3\n"},          {"12\n\n", "ok 4", "12\n"},
      {"+5", "error EINVAL", "12\n"},  {"0x10", "ok 4", "16\n"},
      {"010", "ok 3", "8\n"},          {" 9 ", "ok 3", "9\n"},
      {"08", "error EINVAL", "9\n"},   {"abc", "error EINVAL", "9\n"},
      {"99999999999999999999999", "error EINVAL", "9\n"},
  };
  for (const row& r : rows) {
    EXPECT_EQ(put(init, p, r.text), r.result) << '"' << r.text << '"';
    EXPECT_EQ(cat(init, p), r.after) << '"' << r.text << '"';
  }
}

// A sysctl is read in one go: a read at a non-zero offset gives nothing,
// and a second write on the same fd changes nothing yet reports success.
TEST_F(Procfs, SysctlOffsetsBehaveLikeLinux) {
  const char* p = "/proc/sys/net/core/somaxconn";
  auto fd = sys_open(init, p, O_RDONLY);
  ASSERT_TRUE(fd);
  EXPECT_EQ(*sys_read(init, *fd, 2), "40");
  EXPECT_EQ(*sys_read(init, *fd, 10), "");
  ASSERT_TRUE(sys_close(init, *fd));
  auto w = sys_open(init, p, O_WRONLY);
  ASSERT_TRUE(w);
  EXPECT_EQ(*sys_write(init, *w, "100"), 3u);
  EXPECT_EQ(*sys_write(init, *w, "200"), 3u);
  ASSERT_TRUE(sys_close(init, *w));
  EXPECT_EQ(cat(init, p), "100\n");
}

// Who may write: root's bits for kernel uid 0; the net's administrator
// (CAP_NET_ADMIN over its user namespace) gets root's bits too.
TEST_F(Procfs, SomaxconnWritersNeedRootOrNetAdmin) {
  const char* p = "/proc/sys/net/core/somaxconn";
  auto nobody = spawn(m, init);
  become_nobody(*nobody);
  EXPECT_EQ(sys_open(*nobody, p, O_WRONLY).code(), E(EACCES));
  EXPECT_EQ(cat(*nobody, p), "4096\n");
  // uid 65534 in its own user and net namespace: CAP_NET_ADMIN there.
  ASSERT_TRUE(sys_unshare(*nobody, CLONE_NEWUSER | CLONE_NEWNET));
  EXPECT_EQ(put(*nobody, p, "55"), "ok 2");
  EXPECT_EQ(cat(*nobody, p), "55\n");
  // In its own user namespace but in the init net: no.
  auto other = spawn(m, init);
  become_nobody(*other);
  ASSERT_TRUE(sys_unshare(*other, CLONE_NEWUSER));
  EXPECT_EQ(sys_open(*other, p, O_WRONLY).code(), E(EACCES));
  // Host root keeps root's bits even without capabilities.
  auto root = spawn(m, init);
  cred c = root->creds();
  c.cap_effective = cap_empty_set;
  root->commit_creds(c);
  EXPECT_EQ(put(*root, p, "4097"), "ok 4");
  EXPECT_EQ(sys_open(*root, p, O_RDONLY | O_TRUNC).code(), errc{});  // not executable, but openable
}

// The file belongs to the net it was opened in; once that net is gone its
// reads fail with ENOENT.
TEST_F(Procfs, ASysctlFdKeepsItsNamespaceUntilItDies) {
  const char* p = "/proc/sys/net/core/somaxconn";
  auto t = spawn(m, init);
  auto home = sys_open(*t, "/proc/self/ns/net", O_RDONLY);
  ASSERT_TRUE(home);
  ASSERT_TRUE(sys_unshare(*t, CLONE_NEWNET));
  ASSERT_EQ(put(*t, p, "2222"), "ok 4");
  auto fd = sys_open(*t, p, O_RDONLY);
  ASSERT_TRUE(fd);
  auto fd2 = sys_open(*t, p, O_RDONLY);
  ASSERT_TRUE(fd2);
  auto pin = sys_open(*t, "/proc/self/ns/net", O_RDONLY);  // keeps the net for the first read
  ASSERT_TRUE(pin);
  ASSERT_TRUE(sys_setns(*t, *home, CLONE_NEWNET));
  EXPECT_EQ(*sys_read(*t, *fd, 100), "2222\n");
  // The sysctl fds do not keep the namespace alive: once the pin goes, it dies.
  ASSERT_TRUE(sys_close(*t, *pin));
  m.k().settle();
  EXPECT_EQ(sys_read(*t, *fd2, 100).code(), E(ENOENT));
}

// ---- /proc/sys/user ------------------------------------------------------------------------

// init's limits are the kernel_config's: by default this machine's max_threads / 2.
std::string machine_limit() { return std::to_string(ucount_max_for_memory(host_memory_bytes())) + "\n"; }

TEST_F(Procfs, MaxNetNamespacesIsPerUserNamespace) {
  const char* p = "/proc/sys/user/max_net_namespaces";
  EXPECT_EQ(cat(init, p), machine_limit());
  EXPECT_EQ(cat(init, "/proc/sys/user/max_user_namespaces"), machine_limit());
  auto st = sys_stat(init, p);
  ASSERT_TRUE(st);
  EXPECT_EQ(st->mode, unsigned(S_IFREG | 0644));
  EXPECT_EQ(st->uid, global_root_uid);
  auto t = spawn(m, init);
  ASSERT_TRUE(sys_unshare(*t, CLONE_NEWUSER));
  const std::array<uid_gid_extent, 1> map{{{0, 0, 1}}};
  ASSERT_TRUE(t->creds().user_ns->set_uid_map(map));
  ASSERT_TRUE(t->creds().user_ns->set_gid_map(map));
  EXPECT_EQ(cat(*t, p), "2147483647\n");
  EXPECT_EQ(put(*t, p, "-1"), "error EINVAL");
  EXPECT_EQ(put(*t, p, "abc"), "error EINVAL");
  EXPECT_EQ(put(*t, p, "2147483648"), "error EINVAL");
  EXPECT_EQ(put(*t, p, "3"), "ok 1");
  EXPECT_EQ(cat(*t, p), "3\n");
  EXPECT_EQ(cat(init, p), machine_limit());
  // The limit now applies: three nets, then ENOSPC.
  for (int i = 0; i < 3; ++i) {
    auto keep = spawn(m, *t);
    ASSERT_TRUE(sys_unshare(*keep, CLONE_NEWNET)) << i;
  }
  EXPECT_EQ(sys_unshare(*t, CLONE_NEWNET).code(), E(ENOSPC));
}

// Without CAP_SYS_RESOURCE the user limits are read-only, even for root
// (the reference machine's root lacks it: open for writing is EACCES).
TEST_F(Procfs, UserLimitsNeedCapSysResource) {
  auto t = spawn(m, init);
  cred c = t->creds();
  c.cap_effective.drop(CAP_SYS_RESOURCE);
  t->commit_creds(c);
  EXPECT_EQ(sys_open(*t, "/proc/sys/user/max_net_namespaces", O_WRONLY).code(), E(EACCES));
  EXPECT_EQ(cat(*t, "/proc/sys/user/max_net_namespaces"), machine_limit());
  EXPECT_EQ(put(init, "/proc/sys/user/max_net_namespaces", "12345"), "ok 5");
  EXPECT_EQ(cat(*t, "/proc/sys/user/max_net_namespaces"), "12345\n");
}

// ---- uid_map, gid_map, setgroups -------------------------------------------------------------

TEST_F(Procfs, InitialMapsAreTheIdentity) {
  EXPECT_EQ(cat(init, "/proc/self/uid_map"), "         0          0 4294967295\n");
  EXPECT_EQ(cat(init, "/proc/self/gid_map"), "         0          0 4294967295\n");
  EXPECT_EQ(cat(init, "/proc/self/setgroups"), "allow\n");
  auto st = sys_stat(init, "/proc/self/uid_map");
  ASSERT_TRUE(st);
  EXPECT_EQ(st->mode, unsigned(S_IFREG | 0644));
  // The initial namespace's maps cannot be written.
  EXPECT_EQ(put(init, "/proc/self/uid_map", "0 0 1"), "error EPERM");
}

// `unshare -U` as uid 65534, then map itself: the unprivileged rules.
// Without an execve after setresuid, the task is not dumpable, its id files
// belong to root, and it cannot even open them (probed).
TEST_F(Procfs, ANonDumpableTaskCannotOpenItsOwnMaps) {
  auto t = spawn(m, init);
  become_nobody(*t);
  ASSERT_TRUE(sys_unshare(*t, CLONE_NEWUSER));
  for (const char* p : {"/proc/self/uid_map", "/proc/self/gid_map", "/proc/self/setgroups"})
    EXPECT_EQ(put(*t, p, "0 65534 1"), "error EACCES") << p;
}

// `unshare -U` as uid 65534 (setpriv execs unshare, which makes it
// dumpable again), then map itself: the unprivileged rules (probed).
TEST_F(Procfs, AnUnprivilegedTaskMapsOnlyItself) {
  auto t = spawn(m, init);
  become_nobody(*t);
  t->set_dumpable(true);
  ASSERT_TRUE(sys_unshare(*t, CLONE_NEWUSER));
  EXPECT_EQ(cat(*t, "/proc/self/uid_map"), "");
  // Someone else's id, or more than one id: EPERM.
  EXPECT_EQ(put(*t, "/proc/self/uid_map", "0 0 1"), "error EPERM");
  EXPECT_EQ(put(*t, "/proc/self/uid_map", "0 65534 2"), "error EPERM");
  // Malformed: EINVAL, checked before the id permission.
  for (const char* bad : {"abc", "0 65534", "0 65534 0", "\n", "0 65534 1 x", "4294967295 0 1"})
    EXPECT_EQ(put(*t, "/proc/self/uid_map", bad), "error EINVAL") << bad;
  EXPECT_EQ(put(*t, "/proc/self/uid_map", "0 65534 1\n"), "ok 10");
  EXPECT_EQ(cat(*t, "/proc/self/uid_map"), "         0      65534          1\n");
  // Once only.
  EXPECT_EQ(put(*t, "/proc/self/uid_map", "0 65534 1"), "error EPERM");
  // gid_map needs setgroups denied first.
  EXPECT_EQ(put(*t, "/proc/self/gid_map", "0 65534 1"), "error EPERM");
  EXPECT_EQ(put(*t, "/proc/self/setgroups", "deny"), "ok 4");
  EXPECT_EQ(cat(*t, "/proc/self/setgroups"), "deny\n");
  EXPECT_EQ(put(*t, "/proc/self/gid_map", "0 65534 1"), "ok 9");
  EXPECT_EQ(put(*t, "/proc/self/setgroups", "allow"), "error EPERM");
  EXPECT_EQ(put(*t, "/proc/self/uid_map", ""), "error EPERM");
  EXPECT_EQ(t->creds().uid, kuid{65534});
  EXPECT_EQ(link(*t, "/proc/self/ns/user").substr(0, 6), "user:[");
}

// The parent's root writes any mapping it holds capabilities for, and reads
// the lower ids in its own terms; the child reads them in its parent's.
TEST_F(Procfs, TheParentWritesAndBothReadTheMap) {
  auto t = spawn(m, init);
  ASSERT_TRUE(sys_unshare(*t, CLONE_NEWUSER));
  const std::string map = pid_path(*t, "/uid_map");
  EXPECT_EQ(put(init, map, "0 100000 65536\n1000000 5 2"), "ok 26");
  EXPECT_EQ(cat(init, map), "         0     100000      65536\n   1000000          5          2\n");
  EXPECT_EQ(cat(*t, "/proc/self/uid_map"),
            "         0     100000      65536\n   1000000          5          2\n");
  // Overlapping extents are EINVAL.
  auto u = spawn(m, init);
  ASSERT_TRUE(sys_unshare(*u, CLONE_NEWUSER));
  EXPECT_EQ(put(init, pid_path(*u, "/gid_map"), "0 10 5\n3 100 5"), "error EINVAL");
  // A task outside both the namespace and its parent may not write.
  auto w = spawn(m, init);
  ASSERT_TRUE(sys_unshare(*w, CLONE_NEWUSER));
  EXPECT_EQ(put(*w, pid_path(*u, "/uid_map"), "0 0 1"), "error EPERM");
}

TEST_F(Procfs, SetgroupsWritesNeedCapSysAdminAndTheExactWords) {
  auto t = spawn(m, init);
  become_nobody(*t);
  t->set_dumpable(true);
  // Without CAP_SYS_ADMIN over the namespace, opening for writing is EPERM.
  EXPECT_EQ(sys_open(*t, "/proc/self/setgroups", O_WRONLY).code(), E(EPERM));
  ASSERT_TRUE(sys_unshare(*t, CLONE_NEWUSER));
  EXPECT_EQ(put(*t, "/proc/self/setgroups", "maybe"), "error EINVAL");
  EXPECT_EQ(put(*t, "/proc/self/setgroups", "denyx"), "error EINVAL");
  EXPECT_EQ(put(*t, "/proc/self/setgroups", "allow\n"), "ok 6");
  EXPECT_EQ(put(*t, "/proc/self/setgroups", "deny \n"), "ok 6");
  // Inherited by a child namespace (which needs the creator's ids mapped).
  ASSERT_EQ(put(*t, "/proc/self/uid_map", "0 65534 1"), "ok 9");
  ASSERT_EQ(put(*t, "/proc/self/gid_map", "0 65534 1"), "ok 9");
  ASSERT_TRUE(sys_unshare(*t, CLONE_NEWUSER));
  EXPECT_EQ(cat(*t, "/proc/self/setgroups"), "deny\n");
}

// ---- /proc/self ----------------------------------------------------------------------------
// A walk through /proc/self goes straight to the reader's /proc/<pid>
// (follow_link hands back that entry of /proc), with Linux's results
// (probed on the reference machine with stat, stat -L, readlink and open).

// stat fields that say which inode a path reached.
void expect_same_inode(const result<fs::stat_info>& a, const result<fs::stat_info>& b,
                       const std::string& what) {
  ASSERT_TRUE(a) << what << ": " << err(a.error());
  ASSERT_TRUE(b) << what << ": " << err(b.error());
  EXPECT_EQ(a->ino, b->ino) << what;
  EXPECT_EQ(a->mode, b->mode) << what;
  EXPECT_EQ(a->dev, b->dev) << what;
  EXPECT_EQ(a->uid, b->uid) << what;
  EXPECT_EQ(a->nlink, b->nlink) << what;
}

TEST_F(Procfs, SelfStatsAsTheReadersPidDirectory) {
  auto t = spawn(m, init);
  for (task* who : {&init, t.get()}) {
    const std::string pid_dir = pid_path(*who, "");
    expect_same_inode(sys_stat(*who, "/proc/self"), sys_stat(*who, pid_dir), pid_dir);
    auto st = sys_stat(*who, "/proc/self");
    ASSERT_TRUE(st);
    EXPECT_EQ(st->mode, unsigned(S_IFDIR | 0555));
    EXPECT_EQ(st->dev, fs::procfs_dev);
  }
  // Each reader lands in its own directory, and sees the other's by pid.
  auto mine = sys_stat(*t, "/proc/self");
  auto inits = sys_stat(init, "/proc/self");
  ASSERT_TRUE(mine && inits);
  EXPECT_NE(mine->ino, inits->ino);
  expect_same_inode(sys_stat(*t, "/proc/1"), sys_stat(init, "/proc/self"), "/proc/1");
  expect_same_inode(sys_stat(init, pid_path(*t, "")), sys_stat(*t, "/proc/self"), "child");
  // Components after it are the pid directory's.
  expect_same_inode(sys_stat(*t, "/proc/self/ns"), sys_stat(*t, pid_path(*t, "/ns")), "ns");
  expect_same_inode(sys_stat(*t, "/proc/self/uid_map"), sys_stat(*t, pid_path(*t, "/uid_map")),
                    "uid_map");
  auto listed = sys_readdir(*t, "/proc/self");
  auto by_pid = sys_readdir(*t, pid_path(*t, ""));
  ASSERT_TRUE(listed && by_pid);
  EXPECT_EQ(*listed, *by_pid);
}

TEST_F(Procfs, SelfItselfIsASymlinkToThePid) {
  auto t = spawn(m, init);
  EXPECT_EQ(link(init, "/proc/self"), std::to_string(init.pid()));
  EXPECT_EQ(link(init, "/proc/self"), "1");
  EXPECT_EQ(link(*t, "/proc/self"), std::to_string(t->pid()));
  auto a = sys_lstat(init, "/proc/self");
  auto b = sys_lstat(*t, "/proc/self");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->mode, unsigned(S_IFLNK | 0777));
  EXPECT_EQ(a->dev, fs::procfs_dev);
  // One inode serves every reader.
  EXPECT_EQ(a->ino, b->ino);
  auto dir = sys_stat(init, "/proc/self");
  ASSERT_TRUE(dir);
  EXPECT_NE(a->ino, dir->ino);
  // It exists: mkdir is EEXIST, and rmdir ENOTDIR (the link is not followed).
  EXPECT_EQ(sys_mkdir(init, "/proc/self", 0755).code(), E(EEXIST));
  EXPECT_EQ(sys_rmdir(init, "/proc/self").code(), E(ENOTDIR));
  // With a trailing slash readlink follows it to the directory: EINVAL.
  EXPECT_EQ(link(init, "/proc/self/"), "error EINVAL");
}

TEST_F(Procfs, DotDotAfterSelfIsProc) {
  auto t = spawn(m, init);
  for (task* who : {&init, t.get()}) {
    expect_same_inode(sys_stat(*who, "/proc/self/.."), sys_stat(*who, "/proc"), "/proc/self/..");
    expect_same_inode(sys_lstat(*who, "/proc/self/.."), sys_stat(*who, "/proc"), "lstat ..");
    expect_same_inode(sys_stat(*who, "/proc/self/../.."), sys_stat(*who, "/"), "/proc/self/../..");
    expect_same_inode(sys_stat(*who, "/proc/self/ns/../.."), sys_stat(*who, "/proc"), "ns/../..");
    expect_same_inode(sys_stat(*who, "/proc/self/../self"), sys_stat(*who, pid_path(*who, "")),
                      "../self");
    expect_same_inode(sys_stat(*who, "/proc/self/../1"), sys_stat(*who, "/proc/1"), "../1");
    expect_same_inode(sys_stat(*who, "/proc/self/../../run"), sys_stat(*who, "/run"), "../../run");
  }
  auto proc = sys_stat(init, "/proc/self/..");
  ASSERT_TRUE(proc);
  EXPECT_EQ(proc->ino, 1u);  // procfs's root, as stat -L /proc/self/.. shows
}

TEST_F(Procfs, SelfWithATrailingSlashOrDotIsThePidDirectory) {
  auto t = spawn(m, init);
  for (task* who : {&init, t.get()}) {
    const std::string pid_dir = pid_path(*who, "");
    for (const char* p : {"/proc/self/", "/proc/self//", "/proc/self/.", "/proc//self"}) {
      expect_same_inode(sys_stat(*who, p), sys_stat(*who, pid_dir), p);
    }
    // lstat follows it too when a slash or a component comes after it.
    for (const char* p : {"/proc/self/", "/proc/self/."}) {
      expect_same_inode(sys_lstat(*who, p), sys_stat(*who, pid_dir), std::string("lstat ") + p);
    }
    expect_same_inode(sys_stat(*who, "/proc//self//uid_map"), sys_stat(*who, pid_dir + "/uid_map"),
                      "//uid_map");
    // A pid directory is no file.
    EXPECT_EQ(sys_open(*who, "/proc/self/uid_map/", O_RDONLY).code(), E(ENOTDIR));
  }
}

TEST_F(Procfs, OpeningSelfWithNofollowIsEloop) {
  auto t = spawn(m, init);
  for (task* who : {&init, t.get()}) {
    EXPECT_EQ(sys_open(*who, "/proc/self", O_RDONLY | O_NOFOLLOW).code(), E(ELOOP));
    EXPECT_EQ(sys_open(*who, "/proc/self", O_RDONLY | O_NOFOLLOW | O_DIRECTORY).code(), E(ELOOP));
    // A trailing slash follows the link whatever O_NOFOLLOW says.
    auto dir = sys_open(*who, "/proc/self/", O_RDONLY | O_NOFOLLOW);
    ASSERT_TRUE(dir) << err(dir.error());
    expect_same_inode(sys_fstat(*who, *dir), sys_stat(*who, pid_path(*who, "")), "fstat self/");
    EXPECT_EQ(link(*who, "/proc/self/fd/" + std::to_string(*dir)), pid_path(*who, ""));
    ASSERT_TRUE(sys_close(*who, *dir));
    // O_PATH | O_NOFOLLOW names the link itself.
    auto lnk = sys_open(*who, "/proc/self", O_PATH | O_NOFOLLOW);
    ASSERT_TRUE(lnk) << err(lnk.error());
    auto st = sys_fstat(*who, *lnk);
    ASSERT_TRUE(st);
    EXPECT_EQ(st->mode, unsigned(S_IFLNK | 0777));
    EXPECT_EQ(link(*who, "/proc/self/fd/" + std::to_string(*lnk)), "/proc/self");
    ASSERT_TRUE(sys_close(*who, *lnk));
  }
}

// A file opened through /proc/self is named by the real pid path, as
// d_path shows it in /proc/<pid>/fd.
TEST_F(Procfs, AFileOpenedThroughSelfIsNamedByItsPid) {
  auto t = spawn(m, init);
  for (task* who : {&init, t.get()}) {
    auto fd = sys_open(*who, "/proc/self/uid_map", O_RDONLY);
    ASSERT_TRUE(fd) << err(fd.error());
    const std::string fd_name = "/fd/" + std::to_string(*fd);
    EXPECT_EQ(link(*who, "/proc/self" + fd_name), pid_path(*who, "/uid_map"));
    EXPECT_EQ(link(init, pid_path(*who, fd_name)), pid_path(*who, "/uid_map"));
    auto dir = sys_open(*who, "/proc/self", O_RDONLY | O_DIRECTORY);
    ASSERT_TRUE(dir) << err(dir.error());
    EXPECT_EQ(link(*who, "/proc/self/fd/" + std::to_string(*dir)), pid_path(*who, ""));
    auto ns_dir = sys_open(*who, "/proc/self/ns/", O_RDONLY);
    ASSERT_TRUE(ns_dir) << err(ns_dir.error());
    EXPECT_EQ(link(*who, "/proc/self/fd/" + std::to_string(*ns_dir)), pid_path(*who, "/ns"));
    ASSERT_TRUE(sys_close(*who, *ns_dir));
    ASSERT_TRUE(sys_close(*who, *dir));
    ASSERT_TRUE(sys_close(*who, *fd));
  }
}

// Two tasks in different nets open /proc/self/ns/net: each gets its own
// net, and /proc/<pid>/fd/N shows each task's file to anyone.
TEST_F(Procfs, EachTaskOpensItsOwnNetThroughSelf) {
  auto a = spawn(m, init);
  auto b = spawn(m, init);
  ASSERT_TRUE(sys_unshare(*a, CLONE_NEWNET));
  const std::uint32_t a_net = a->net_ns()->inum();
  const std::uint32_t b_net = b->net_ns()->inum();
  ASSERT_NE(a_net, b_net);
  auto fa = sys_open(*a, "/proc/self/ns/net", O_RDONLY);
  auto fb = sys_open(*b, "/proc/self/ns/net", O_RDONLY);
  ASSERT_TRUE(fa && fb);
  EXPECT_EQ(*fa, *fb);  // the same fd number in two tables
  EXPECT_EQ(sys_fstat(*a, *fa)->ino, a_net);
  EXPECT_EQ(sys_fstat(*b, *fb)->ino, b_net);
  const std::string a_text = "net:[" + std::to_string(a_net) + "]";
  const std::string b_text = "net:[" + std::to_string(b_net) + "]";
  const std::string n = std::to_string(*fa);
  EXPECT_EQ(link(*a, "/proc/self/fd/" + n), a_text);
  EXPECT_EQ(link(*b, "/proc/self/fd/" + n), b_text);
  EXPECT_EQ(link(*a, "/proc/self/ns/net"), a_text);
  EXPECT_EQ(link(*b, "/proc/self/ns/net"), b_text);
  // By pid, whoever looks.
  for (task* reader : {&init, a.get(), b.get()}) {
    EXPECT_EQ(link(*reader, pid_path(*a, "/fd/" + n)), a_text);
    EXPECT_EQ(link(*reader, pid_path(*b, "/fd/" + n)), b_text);
    EXPECT_EQ(sys_stat(*reader, pid_path(*a, "/fd/" + n))->ino, a_net);
    EXPECT_EQ(sys_stat(*reader, pid_path(*b, "/fd/" + n))->ino, b_net);
  }
  // Opening the other's fd link opens the other's net.
  auto cross = sys_open(*b, pid_path(*a, "/fd/" + n), O_RDONLY);
  ASSERT_TRUE(cross) << err(cross.error());
  EXPECT_EQ(sys_fstat(*b, *cross)->ino, a_net);
  ASSERT_TRUE(sys_setns(*b, *cross, CLONE_NEWNET));
  EXPECT_EQ(b->net_ns()->inum(), a_net);
  EXPECT_EQ(link(*b, "/proc/self/ns/net"), a_text);
  // b's first fd still holds its old net.
  EXPECT_EQ(link(*b, "/proc/self/fd/" + n), b_text);
}

// Walks of "/proc/self/..." enter the reader's pid directory in one step
// where nothing sits on the way; a mount on /proc or on that directory, a
// reader without a pid, or a reader who cannot search, and the walk takes
// every step and finds what Linux finds.
TEST_F(Procfs, SelfWalksSeeMountsOnProcAndOnThePidDirectory) {
  ASSERT_TRUE(sys_mkdir(init, "/run/d", 0755));
  auto made = sys_open(init, "/run/d/uid_map", O_CREAT | O_WRONLY, 0644);
  ASSERT_TRUE(made);
  ASSERT_TRUE(sys_close(init, *made));
  auto t = spawn(m, init);
  const std::string pid_dir = pid_path(*t, "");

  // A directory bound onto the pid directory (the link is followed) covers
  // it for every path there, through self or by pid.
  ASSERT_TRUE(sys_mount_bind(init, "/run/d", pid_path(*t, "")));
  auto covered = sys_stat(*t, "/run/d/uid_map");
  ASSERT_TRUE(covered);
  expect_same_inode(sys_stat(*t, "/proc/self/uid_map"), covered, "self/uid_map under the mount");
  expect_same_inode(sys_stat(init, pid_dir + "/uid_map"), covered, "pid/uid_map under the mount");
  EXPECT_EQ(sys_stat(*t, "/proc/self/ns/net").code(), E(ENOENT));
  // Other readers' own directories are not covered.
  EXPECT_TRUE(sys_stat(init, "/proc/self/ns/net"));
  EXPECT_EQ(sys_open(*t, "/proc/self/fd/0", O_RDONLY).code(), E(ENOENT));
  ASSERT_TRUE(sys_umount_detach(init, pid_dir));
  EXPECT_EQ(sys_stat(*t, "/proc/self/uid_map")->mode, unsigned(S_IFREG | 0644));

  // A directory bound onto /proc hides procfs, self included.
  ASSERT_TRUE(sys_mount_bind(init, "/run/d", "/proc"));
  EXPECT_EQ(sys_stat(*t, "/proc/self/uid_map").code(), E(ENOENT));
  EXPECT_EQ(sys_open(*t, "/proc/self/fd/0", O_RDONLY).code(), E(ENOENT));
  expect_same_inode(sys_stat(*t, "/proc/uid_map"), covered, "/proc/uid_map under the mount");
  ASSERT_TRUE(sys_umount_detach(init, "/proc"));
  expect_same_inode(sys_stat(*t, "/proc/self/ns"), sys_stat(*t, pid_dir + "/ns"), "after umount");

  // The kernel's own walks have no /proc/self.
  fs::access_ctx kernel_ctx;
  EXPECT_EQ(m.vfs().resolve(kernel_ctx, "/proc/self/ns").code(), E(ENOENT));
  EXPECT_EQ(m.vfs().resolve(kernel_ctx, "/proc/self/").code(), E(ENOENT));
}

// procfs at /proc is a mount point: rmdir is EBUSY (probed), unlink EISDIR.
TEST_F(Procfs, ProcItselfCannotBeRemoved) {
  EXPECT_EQ(sys_rmdir(init, "/proc").code(), E(EBUSY));
  EXPECT_EQ(sys_rmdir(init, "/proc/").code(), E(EBUSY));
  EXPECT_EQ(sys_unlink(init, "/proc").code(), E(EISDIR));
  EXPECT_TRUE(sys_stat(init, "/proc/self/ns/net"));
}

}  // namespace
}  // namespace netns
