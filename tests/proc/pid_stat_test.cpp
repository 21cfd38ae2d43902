// SPDX-License-Identifier: GPL-2.0-only
// /proc/<pid>/stat, comm and cmdline (fs/proc/array.c do_task_stat,
// fs/proc/base.c comm_write; probed on the reference kernel): the fields
// ps and lsns read, the name a fork keeps, who may rename a task, and the
// parent a task is reparented to.
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "netns/machine/machine.hpp"
#include "netns/task/syscalls.hpp"
#include "support/task_util.hpp"

namespace netns {
namespace {

using test::spawn;

using test::cat;

std::string put(task& t, const std::string& path, std::string_view text) {
  auto fd = sys_open(t, path, O_WRONLY);
  if (!fd) return std::string("error ") + errno_name(fd.error().code.value);
  auto r = sys_write(t, *fd, text);
  (void)sys_close(t, *fd);
  return r ? "ok" : std::string("error ") + errno_name(r.error().code.value);
}

std::vector<std::string> fields(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

std::string proc(task& t, const char* entry) { return "/proc/" + std::to_string(t.pid()) + "/" + entry; }

class PidStat : public ::testing::Test {
 protected:
  PidStat() : init(m.init_task()) {}
  machine m;
  task& init;
};

TEST_F(PidStat, StatHasTheKernelsFiftyTwoFieldsWithPidCommStateAndParent) {
  auto t = spawn(m, init);
  const std::string line = cat(init, proc(*t, "stat"));
  ASSERT_FALSE(line.empty());
  EXPECT_EQ(line.back(), '\n');
  auto f = fields(line);
  ASSERT_EQ(f.size(), 52u) << line;
  EXPECT_EQ(f[0], std::to_string(t->pid()));
  EXPECT_EQ(f[1], "(init)");  // a fork keeps its parent's name
  EXPECT_EQ(f[2], "S");       // not the reader: not running
  EXPECT_EQ(f[3], "1");
  EXPECT_EQ(f[7], "-1");                    // tpgid: no terminal
  EXPECT_EQ(f[8], std::to_string(0x400040));  // PF_RANDOMIZE | PF_FORKNOEXEC
  EXPECT_EQ(f[24], "18446744073709551615");  // rsslim: RLIM_INFINITY
  EXPECT_EQ(f[37], "17");                    // exit_signal: SIGCHLD
  // The reader's own line says it runs; pid 1 has no parent and no exit signal.
  EXPECT_EQ(fields(cat(*t, "/proc/self/stat"))[2], "R");
  auto first = fields(cat(*t, "/proc/1/stat"));
  EXPECT_EQ(first[3], "0");
  EXPECT_EQ(first[8], std::to_string(0x400000));
  EXPECT_EQ(first[37], "0");
}

TEST_F(PidStat, ATaskWhoseParentExitedIsReparentedToOne) {
  auto q = spawn(m, init);
  auto c = spawn(m, *q);
  EXPECT_EQ(fields(cat(init, proc(*c, "stat")))[3], std::to_string(q->pid()));
  ASSERT_TRUE(m.exit(*q));
  EXPECT_EQ(fields(cat(init, proc(*c, "stat")))[3], "1");
}

TEST_F(PidStat, CommIsTheNameWithANewlineAndOnlyItsOwnProcessRenamesIt) {
  auto t = spawn(m, init);
  t->set_comm("worker");
  EXPECT_EQ(cat(init, proc(*t, "comm")), "worker\n");
  EXPECT_EQ(fields(cat(init, proc(*t, "stat")))[1], "(worker)");
  // comm_write: EINVAL from another thread group, whoever it is.
  EXPECT_EQ(put(init, proc(*t, "comm"), "other"), "error EINVAL");
  EXPECT_EQ(put(*t, "/proc/self/comm", "renamed"), "ok");
  EXPECT_EQ(cat(init, proc(*t, "comm")), "renamed\n");
  // At most TASK_COMM_LEN - 1 bytes, cut at a NUL; the bytes as written.
  EXPECT_EQ(put(*t, "/proc/self/comm", "abcdefghijklmnopqrstuvwxyz"), "ok");
  EXPECT_EQ(cat(init, proc(*t, "comm")), "abcdefghijklmno\n");
  EXPECT_EQ(put(*t, "/proc/self/comm", std::string_view("ab\0cd", 5)), "ok");
  EXPECT_EQ(cat(init, proc(*t, "comm")), "ab\n");
  EXPECT_EQ(put(*t, "/proc/self/comm", "foo\n"), "ok");
  EXPECT_EQ(cat(init, proc(*t, "comm")), "foo\n\n");
  // A fork copies the name.
  auto c = spawn(m, *t);
  EXPECT_EQ(cat(init, proc(*c, "comm")), "foo\n\n");
}

TEST_F(PidStat, CmdlineIsTheArgumentBlockOrNothingAndReadOnly) {
  auto t = spawn(m, init);
  EXPECT_EQ(cat(init, proc(*t, "cmdline")), "");
  t->set_cmdline(std::string("lsns\0-t\0net\0", 12));
  EXPECT_EQ(cat(init, proc(*t, "cmdline")), std::string("lsns\0-t\0net\0", 12));
  EXPECT_EQ(put(*t, "/proc/self/cmdline", "x"), "error EACCES");
  EXPECT_EQ(put(*t, "/proc/self/stat", "x"), "error EACCES");
  auto st = sys_stat(init, proc(*t, "comm"));
  ASSERT_TRUE(st);
  EXPECT_EQ(st->mode, unsigned(S_IFREG | 0644));
  st = sys_stat(init, proc(*t, "stat"));
  ASSERT_TRUE(st);
  EXPECT_EQ(st->mode, unsigned(S_IFREG | 0444));
}

// The value of status line `key` ("Uid"), or "" if there is none.
std::string status_line(task& reader, task& t, const std::string& key) {
  std::istringstream in(cat(reader, proc(t, "status")));
  for (std::string l; std::getline(in, l);)
    if (l.rfind(key + ":\t", 0) == 0) return l.substr(key.size() + 2);
  return "";
}

TEST_F(PidStat, StatusShowsPidsPerNamespaceLevelAndIdsAsTheReaderNamesThem) {
  auto t = spawn(m, init);
  ASSERT_TRUE(sys_unshare(*t, CLONE_NEWPID));
  auto a = spawn(m, *t);
  auto b = spawn(m, *a);
  const std::string b_pids = std::to_string(b->pid()) + "\t2";
  EXPECT_EQ(status_line(init, *b, "NSpid"), b_pids);
  EXPECT_EQ(status_line(init, *b, "NStgid"), b_pids);
  EXPECT_EQ(status_line(init, *b, "NSpgid"), "0\t0");
  EXPECT_EQ(status_line(init, *b, "PPid"), std::to_string(a->pid()));
  EXPECT_EQ(status_line(init, *b, "Name"), "init");
  EXPECT_EQ(status_line(init, *b, "State"), "S (sleeping)");
  EXPECT_EQ(status_line(*b, *b, "State"), "R (running)");
  EXPECT_EQ(status_line(init, init, "NSpid"), "1");
  // Ids in the reader's user namespace: unmapped ones are the overflow id.
  auto u = spawn(m, init);
  ASSERT_TRUE(sys_unshare(*u, CLONE_NEWUSER));
  EXPECT_EQ(status_line(*u, init, "Uid"), "65534\t65534\t65534\t65534");
  EXPECT_EQ(status_line(init, *u, "Uid"), "0\t0\t0\t0");
  // Capabilities are the task's, in hex.
  EXPECT_EQ(status_line(init, *u, "CapEff"), "000001ffffffffff");
  EXPECT_EQ(status_line(init, *u, "CapInh"), "0000000000000000");
}

TEST_F(PidStat, ThePidDirectoryListsThem) {
  auto names = sys_readdir(init, "/proc/self");
  ASSERT_TRUE(names);
  for (const char* n : {"stat", "status", "comm", "cmdline"})
    EXPECT_NE(std::find(names->begin(), names->end(), n), names->end()) << n;
}

}  // namespace
}  // namespace netns
