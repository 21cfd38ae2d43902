// SPDX-License-Identifier: GPL-2.0-only
// A proc mount answers for the pid namespace of the task that mounted it
// (fs/proc/root.c proc_init_fs_context, fs/proc/base.c proc_pid_lookup,
// proc_pid_readdir, fs/proc/self.c), and applies its own hidepid=, gid=
// and subset=pid (has_pid_permissions, proc_pid_permission, pid_getattr,
// proc_root_lookup). pidns= names another pid namespace
// (proc_parse_pidns_param), and a remount changes the options it names
// (proc_reconfigure). Probed on the reference kernel: conformance 629-634,
// 489-499.
#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "netns/machine/machine.hpp"
#include "netns/task/syscalls.hpp"
#include "support/task_util.hpp"
#include "support/test_util.hpp"

namespace netns {
namespace {

using test::become_nobody;
using test::cat;
using test::link;
using test::spawn;

std::string err(const failure& f) { return std::string("error ") + errno_name(f.code.value); }

// `ls PATH`: the names, sorted, joined by spaces, or "error ENAME".
std::string ls(task& t, std::string_view path) {
  auto r = sys_readdir(t, path);
  if (!r) return err(r.error());
  std::vector<std::string> v = *r;
  std::sort(v.begin(), v.end());
  std::string out;
  for (const std::string& n : v) out += (out.empty() ? "" : " ") + n;
  return out;
}

std::string stat_of(task& t, std::string_view path) {
  auto r = sys_stat(t, path);
  if (!r) return err(r.error());
  return S_ISDIR(r->mode) ? "dir" : "file";
}

// What `reader` gets of a pid directory: stat, ls, and the readlink of
// its ns/pid, each as above, joined by " / " (a listing as "listed", a
// link's text as "linked").
std::string view_of(task& reader, const std::string& dir) {
  const std::string names = ls(reader, dir), ns = link(reader, dir + "/ns/pid");
  return stat_of(reader, dir) + " / " + (names.starts_with("error") ? names : "listed") + " / " +
         (ns.starts_with("error") ? ns : "linked");
}

// The value of `key` in a status text ("Pid"), or "".
std::string status_line(const std::string& status, const std::string& key) {
  std::istringstream in(status);
  for (std::string l; std::getline(in, l);)
    if (l.rfind(key + ":\t", 0) == 0) return l.substr(key.size() + 2);
  return "";
}

// A pid namespace below the initial one: `t` unshared it, `a` is its init
// (pid 1 there) and `b` its pid 2.
class ProcMount : public ::testing::Test {
 protected:
  ProcMount() : init(m.init_task()) {
    for (const char* d : {"/run/p", "/run/q", "/run/r"})
      EXPECT_TRUE(sys_mkdir(init, d, 0755));
    t = spawn(m, init);
    EXPECT_TRUE(sys_unshare(*t, CLONE_NEWPID));
    a = spawn(m, *t);
    b = spawn(m, *a);
  }
  // b becomes nobody (group 65534 too), a mounts a proc with `data` on
  // /run/p: what b lists there.
  std::string listed_for_nobody(std::string_view data) {
    become_nobody(*b);
    if (auto r = sys_mount_fs(*a, "proc", "proc", "/run/p", 0, data); !r) return err(r.error());
    return ls(*b, "/run/p");
  }
  std::string at(std::string_view dir, const task& x, std::string_view rest = {}) const {
    return std::string(dir) + "/" + std::to_string(x.pid()) + std::string(rest);
  }
  machine m;
  task& init;
  std::shared_ptr<task> t, a, b;
};

TEST_F(ProcMount, SelfIsTheReadersPidInTheMountersNamespace) {
  ASSERT_TRUE(sys_mount_fs(*a, "proc", "proc", "/run/p"));
  EXPECT_EQ(link(*a, "/run/p/self"), "1");
  EXPECT_EQ(link(*b, "/run/p/self"), "2");
  EXPECT_EQ(link(*b, "/run/p/thread-self"), "2/task/2");
  // Not seen there: the link is there, its text is not.
  EXPECT_EQ(link(init, "/run/p/self"), "error ENOENT");
  EXPECT_EQ(link(*t, "/run/p/thread-self"), "error ENOENT");
  EXPECT_EQ(stat_of(*b, "/run/p/self/ns"), "dir");
  // The boot /proc, and one the parent namespace mounts, name b by its
  // pid in the initial namespace, whoever reads.
  ASSERT_TRUE(sys_mount_fs(init, "proc", "proc", "/run/q"));
  EXPECT_EQ(link(*b, "/run/q/self"), std::to_string(b->pid()));
  EXPECT_EQ(link(*b, "/proc/self"), std::to_string(b->pid()));
}

TEST_F(ProcMount, ListsOnlyItsNamespacesPidsNumberedThere) {
  ASSERT_TRUE(sys_mount_fs(*a, "proc", "proc", "/run/p"));
  EXPECT_EQ(ls(init, "/run/p"), "1 2 mounts net self sys thread-self");
  EXPECT_EQ(ls(init, "/run/p/2/task"), "2");
  EXPECT_EQ(stat_of(init, "/run/p/2/task/2"), "dir");
  EXPECT_EQ(stat_of(init, "/run/p/2/task/" + std::to_string(b->pid())), "error ENOENT");
  EXPECT_EQ(stat_of(init, "/run/p/3"), "error ENOENT");
  // stat and status number pids in the proc's namespace.
  const std::string status = cat(init, "/run/p/2/status");
  EXPECT_EQ(status_line(status, "Pid"), "2");
  EXPECT_EQ(status_line(status, "PPid"), "1");
  EXPECT_EQ(status_line(status, "NSpid"), "2");
  EXPECT_EQ(cat(init, "/run/p/2/stat").substr(0, 2), "2 ");
  EXPECT_EQ(status_line(cat(init, at("/proc", *b, "/status")), "NSpid"),
            std::to_string(b->pid()) + "\t2");
  // The namespace files are the task's own.
  EXPECT_EQ(link(init, "/run/p/2/ns/pid"), link(init, at("/proc", *b, "/ns/pid")));
  // A task that exits leaves the listing.
  ASSERT_TRUE(m.exit(*b));
  EXPECT_EQ(ls(init, "/run/p"), "1 mounts net self sys thread-self");
}

TEST_F(ProcMount, HidepidInvisibleHidesWhatTheReaderMayNotPtrace) {
  auto c = spawn(m, *a);  // pid 3
  become_nobody(*b);
  become_nobody(*c);
  c->set_dumpable(true);
  ASSERT_TRUE(sys_mount_fs(*a, "proc", "proc", "/run/p", 0, "hidepid=invisible,subset=pid"));
  EXPECT_EQ(ls(*b, "/run/p"), "2 3 self thread-self");
  EXPECT_EQ(view_of(*b, "/run/p/1"), "error ENOENT / error ENOENT / error ENOENT");
  EXPECT_EQ(view_of(*b, "/run/p/3"), "dir / listed / linked");
  EXPECT_EQ(ls(*a, "/run/p"), "1 2 3 self thread-self");
  // gid= names a group whose members see every pid.
  ASSERT_TRUE(sys_mount_fs(*a, "proc", "proc", "/run/q", 0, "hidepid=2,gid=65534,subset=pid"));
  EXPECT_EQ(ls(*b, "/run/q"), "1 2 3 self thread-self");
  EXPECT_EQ(stat_of(*b, "/run/q/1/ns"), "dir");
}

TEST_F(ProcMount, HidepidNoaccessListsButRefusesEntry) {
  EXPECT_EQ(listed_for_nobody("hidepid=1,subset=pid"), "1 2 self thread-self");
  EXPECT_EQ(view_of(*b, "/run/p/1"), "dir / error EPERM / error EPERM");
  EXPECT_EQ(view_of(*b, "/run/p/2"), "dir / listed / linked");
}

TEST_F(ProcMount, HidepidPtraceableIgnoresGidAndHidesFromLookup) {
  EXPECT_EQ(listed_for_nobody("hidepid=ptraceable,gid=65534"), "2 mounts net self sys thread-self");
  EXPECT_EQ(view_of(*b, "/run/p/1"), "error ENOENT / error ENOENT / error ENOENT");
  EXPECT_EQ(ls(init, "/run/p"), "1 2 mounts net self sys thread-self");
}

TEST_F(ProcMount, HidepidAppliesToAProcOfTheInitialNamespaceToo) {
  become_nobody(*b);
  ASSERT_TRUE(sys_mount_fs(init, "proc", "proc", "/run/p", 0, "hidepid=2"));
  EXPECT_EQ(stat_of(*b, at("/run/p", init)), "error ENOENT");
  EXPECT_EQ(stat_of(*b, at("/run/p", *b)), "dir");
  EXPECT_EQ(stat_of(*b, at("/proc", init)), "dir");  // the boot /proc hides nothing
}

TEST_F(ProcMount, SubsetPidLeavesSelfThreadSelfAndThePids) {
  ASSERT_TRUE(sys_mount_fs(*a, "proc", "proc", "/run/p", 0, "subset=pid"));
  EXPECT_EQ(ls(init, "/run/p"), "1 2 self thread-self");
  for (const char* gone : {"/run/p/net", "/run/p/sys", "/run/p/mounts"})
    EXPECT_EQ(stat_of(init, gone), "error ENOENT") << gone;
  EXPECT_EQ(link(*b, "/run/p/self"), "2");
  EXPECT_EQ(stat_of(*b, "/run/p/self/net"), "dir");
}

TEST_F(ProcMount, OptionsAreShownInMountinfo) {
  ASSERT_TRUE(sys_mount_fs(*a, "proc", "p", "/run/p", 0, "gid=0x10,hidepid=4,subset=pid"));
  ASSERT_TRUE(sys_mount_fs(*a, "proc", "p", "/run/q", 0, "hidepid=0"));
  const std::string info = cat(init, "/proc/self/mountinfo");
  EXPECT_NE(info.find("/run/p rw,relatime - proc p rw,gid=16,hidepid=ptraceable,subset=pid\n"),
            std::string::npos)
      << info;
  EXPECT_NE(info.find("/run/q rw,relatime - proc p rw\n"), std::string::npos) << info;
}

TEST_F(ProcMount, BadOptionsAreEinvalAndMountNothing) {
  for (const char* data : {"hidepid=3", "hidepid=foo", "hidepid=", "hidepid", "subset=net",
                           "subset=", "gid=x", "gid=", "size=1m"}) {
    auto r = sys_mount_fs(*a, "proc", "proc", "/run/p", 0, data);
    ASSERT_FALSE(r) << data;
    EXPECT_EQ(r.error().errnum(), EINVAL) << data;
  }
  EXPECT_EQ(cat(init, "/proc/self/mountinfo").find("/run/p "), std::string::npos);
}

// `who` mounts proc on `dir` with `data`: "ok" or "error ENAME".
std::string mount_proc(task& who, std::string_view dir, const std::string& data) {
  auto r = sys_mount_fs(who, "proc", "proc", dir, 0, data);
  return r ? "ok" : err(r.error());
}
std::string remount(task& who, std::string_view dir, const std::string& data,
                    unsigned long flags = MS_REMOUNT) {
  auto r = sys_mount_remount(who, dir, flags, data);
  return r ? "ok" : err(r.error());
}
// The super options of the mount at `dir` in init's mountinfo.
std::string super_options(task& init, std::string_view dir) {
  std::istringstream in(cat(init, "/proc/self/mountinfo"));
  for (std::string l; std::getline(in, l);)
    if (l.find(" " + std::string(dir) + " ") != std::string::npos) return l.substr(l.rfind(' ') + 1);
  return "none";
}

TEST_F(ProcMount, PidnsOptionAnswersForTheNamedNamespace) {
  // init, outside it, mounts a proc of a's namespace: its pids, numbered
  // there; init's self is ENOENT there, b's is 2.
  ASSERT_EQ(mount_proc(init, "/run/p", "subset=pid,pidns=" + at("/proc", *a, "/ns/pid")), "ok");
  EXPECT_EQ(ls(init, "/run/p"), "1 2 self thread-self");
  EXPECT_EQ(link(init, "/run/p/self"), "error ENOENT");
  EXPECT_EQ(link(*b, "/run/p/self"), "2");
  EXPECT_EQ(super_options(init, "/run/p"), "rw,subset=pid");  // pidns= is not shown
  // pid_for_children, and an fd's link: a pid namespace file all the same.
  ASSERT_EQ(mount_proc(*t, "/run/q", "subset=pid,pidns=/proc/self/ns/pid_for_children"), "ok");
  EXPECT_EQ(ls(init, "/run/q"), "1 2 self thread-self");
  auto fd = sys_open(init, at("/proc", *b, "/ns/pid"), O_RDONLY);
  ASSERT_TRUE(fd);
  ASSERT_EQ(mount_proc(init, "/run/r", "pidns=/proc/self/fd/" + std::to_string(*fd)), "ok");
  EXPECT_EQ(link(*a, "/run/r/self"), "1");
}

TEST_F(ProcMount, PidnsOptionErrors) {
  const std::string child = "pidns=" + at("/proc", *a, "/ns/pid");
  EXPECT_EQ(mount_proc(init, "/run/p", "pidns=/proc/self/ns/net"), "error EINVAL");
  EXPECT_EQ(mount_proc(init, "/run/p", "pidns=/run"), "error EINVAL");
  EXPECT_EQ(mount_proc(init, "/run/p", "pidns=/run/none"), "error ENOENT");
  EXPECT_EQ(mount_proc(init, "/run/p", "pidns="), "error EINVAL");
  EXPECT_EQ(mount_proc(init, "/run/p", "hidepid=3,pidns=/run/none"), "error EINVAL");
  EXPECT_EQ(mount_proc(init, "/run/p", "pidns=/run/none,hidepid=3"), "error ENOENT");
  // Only the mounter's own pid namespace or one below it.
  EXPECT_EQ(mount_proc(*b, "/run/p", "pidns=" + at("/proc", *t, "/ns/pid")), "error EINVAL");
  // CAP_SYS_ADMIN over its owner: not from a user namespace of one's own.
  auto u = spawn(m, init);
  auto fd = sys_open(*u, "/proc/self/ns/pid", O_RDONLY);
  ASSERT_TRUE(fd);
  ASSERT_TRUE(sys_unshare(*u, CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID));
  auto c = spawn(m, *u);
  EXPECT_EQ(mount_proc(*c, "/run/p", "pidns=/proc/self/fd/" + std::to_string(*fd)), "error EPERM");
  EXPECT_EQ(mount_proc(*c, "/run/p", ""), "ok");
  EXPECT_EQ(super_options(init, "/run/p"), "none");
}

TEST_F(ProcMount, RemountChangesTheOptionsItNamesAndKeepsTheRest) {
  become_nobody(*b);
  ASSERT_EQ(mount_proc(*a, "/run/p", "gid=5,hidepid=1"), "ok");
  EXPECT_EQ(ls(*b, "/run/p"), "1 2 mounts net self sys thread-self");
  ASSERT_EQ(remount(init, "/run/p", "hidepid=2"), "ok");
  EXPECT_EQ(super_options(init, "/run/p"), "rw,gid=5,hidepid=invisible");
  EXPECT_EQ(ls(*b, "/run/p"), "2 mounts net self sys thread-self");
  EXPECT_EQ(stat_of(*b, "/run/p/1"), "error ENOENT");
  EXPECT_EQ(remount(init, "/run/p", ""), "ok");
  EXPECT_EQ(super_options(init, "/run/p"), "rw,gid=5,hidepid=invisible");
  // A bad word changes nothing; pidns= is EBUSY, whatever it names.
  EXPECT_EQ(remount(init, "/run/p", "gid=7,hidepid=9"), "error EINVAL");
  EXPECT_EQ(remount(init, "/run/p", "pidns=/run/none"), "error EBUSY");
  EXPECT_EQ(remount(init, "/run/p", "hidepid=0,pidns=" + at("/proc", *a, "/ns/pid")),
            "error EBUSY");
  EXPECT_EQ(remount(init, "/run/p", "hidepid=3,pidns=/run/none"), "error EINVAL");
  EXPECT_EQ(super_options(init, "/run/p"), "rw,gid=5,hidepid=invisible");
  // gid= in the remounter's user namespace; subset=pid turns on.
  ASSERT_EQ(remount(init, "/run/p", "gid=65534,subset=pid"), "ok");
  EXPECT_EQ(ls(*b, "/run/p"), "1 2 self thread-self");
  ASSERT_EQ(remount(init, "/run/p", "hidepid=off"), "ok");
  EXPECT_EQ(super_options(init, "/run/p"), "rw,gid=65534,subset=pid");
  // The data's generic words are the file system's flags; with MS_BIND
  // the data is not looked at.
  ASSERT_EQ(remount(init, "/run/p", "ro,hidepid=4"), "ok");
  EXPECT_EQ(super_options(init, "/run/p"), "ro,gid=65534,hidepid=ptraceable,subset=pid");
  EXPECT_EQ(remount(init, "/run/p", "pidns=/run/none", MS_REMOUNT | MS_BIND), "ok");
  EXPECT_EQ(remount(init, "/run/p", "rw,hidepid=1"), "ok");
  EXPECT_EQ(super_options(init, "/run/p"), "rw,gid=65534,hidepid=noaccess,subset=pid");
}

}  // namespace
}  // namespace netns
