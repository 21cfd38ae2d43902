// SPDX-License-Identifier: GPL-2.0-only
// The scenario language: words, quotes, comments, expectations, task names
// in file order, each command's argument shape (malformed lines are
// FILE:LINE: message), and the runner's transcript and exit statuses.
#include "netns/tools/scenario.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "netns/tools/runner.hpp"

namespace netns::tools {
namespace {

std::string error_of(const std::string& text) {
  auto r = parse_scenario(text, "t.nss");
  return r ? "" : r.error.text();
}

TEST(ScenarioParse, WordsQuotesCommentsAndExpectations) {
  auto r = parse_scenario(
      "# a comment\n"
      "\n"
      "init write /run/x \"two words\" # trailing comment\n"
      "init nl newnsid fd=a nsid=5 => error EEXIST \"Peer netns already has a nsid assigned\"\n"
      "init settle =>\n"
      "init  settle\t=>  ok  # a comment after the expectation\n"
      "init write /run/x \"a#b\" => \"not # a comment\" # but this is\n",
      "t.nss");
  ASSERT_TRUE(r) << r.error.text();
  ASSERT_EQ(r->commands.size(), 5u);
  const command& w = r->commands[0];
  EXPECT_EQ(w.line, 3);
  EXPECT_EQ(w.task, "init");
  const auto* write = std::get_if<write_op>(&w.op);
  ASSERT_NE(write, nullptr);
  EXPECT_EQ(write->path.written, "/run/x");
  EXPECT_EQ(write->text, "two words");
  EXPECT_FALSE(w.expected);
  EXPECT_EQ(w.text, "init write /run/x \"two words\"");
  EXPECT_EQ(r->commands[1].expected, "error EEXIST \"Peer netns already has a nsid assigned\"");
  EXPECT_EQ(r->commands[2].expected, "");  // a bare => expects no lines
  EXPECT_EQ(r->commands[3].expected, "ok");
  EXPECT_EQ(r->commands[3].text, "init settle");
  EXPECT_EQ(std::get<write_op>(r->commands[4].op).text, "a#b");
  EXPECT_EQ(r->commands[4].expected, "\"not # a comment\"");
}

TEST(ScenarioParse, EscapesInQuotes) {
  auto r = parse_scenario("init write /run/x \"say \\\"hi\\\" \\\\ there\"\n", "t.nss");
  ASSERT_TRUE(r) << r.error.text();
  EXPECT_EQ(std::get<write_op>(r->commands[0].op).text, "say \"hi\" \\ there");
  EXPECT_EQ(r->commands[0].text, "init write /run/x \"say \\\"hi\\\" \\\\ there\"");
}

TEST(ScenarioParse, MalformedLinesNameFileAndLine) {
  EXPECT_EQ(error_of("init settle\ninit frob\n"), "t.nss:2: unknown command \"frob\"");
  EXPECT_EQ(error_of("bob settle\n"), "t.nss:1: unknown task \"bob\"");
  EXPECT_EQ(error_of("Init settle\n"), "t.nss:1: bad task name \"Init\"");
  EXPECT_EQ(error_of("init caps drop CAP_FOO\n"),
            "t.nss:1: caps: bad capability \"CAP_FOO\" (CAP_SYS_ADMIN, ...)");
  EXPECT_EQ(error_of("init caps drop CAP_CHOWN,CAP_CHOWN\n"),
            "t.nss:1: caps: \"CAP_CHOWN\" given twice in \"CAP_CHOWN,CAP_CHOWN\"");
  EXPECT_EQ(error_of("init prctl dumpable 2\n"), "t.nss:1: prctl: bad value \"2\" (0, 1)");
  EXPECT_EQ(error_of("init\n"), "t.nss:1: expected TASK COMMAND");
  EXPECT_EQ(error_of("=> ok\n"), "t.nss:1: an expectation without a command");
  EXPECT_EQ(error_of("init write /x \"open\n"), "t.nss:1: unterminated quote");
  EXPECT_EQ(error_of("init write /x a\"b\n"), "t.nss:1: a quote inside a word");
  EXPECT_EQ(error_of("init unshare foo\n"),
            "t.nss:1: unshare: bad flag \"foo\" (net, user, uts, ipc, mnt, pid, cgroup, time)");
  EXPECT_EQ(error_of("init setns fd bogus\n"),
            "t.nss:1: setns: bad type \"bogus\" (net, user, uts, ipc, mnt, pid, cgroup, time, 0)");
  EXPECT_EQ(error_of("init open /x fd\n"), "t.nss:1: open: expected PATH as FD [FLAGS]");
  EXPECT_EQ(error_of("init open x as fd\n"), "t.nss:1: not an absolute path: \"x\"");
  EXPECT_EQ(error_of("init open /x as Fd\n"), "t.nss:1: bad fd name \"Fd\"");
  EXPECT_EQ(error_of("init ioctl fd NS_GET_FOO\n"), "t.nss:1: ioctl: unknown request \"NS_GET_FOO\"");
  EXPECT_EQ(error_of("init ioctl fd\n"), "t.nss:1: ioctl: expected FD REQ [as FD2]");
  EXPECT_EQ(error_of("init setuid -1\n"), "t.nss:1: setuid: not a uid: \"-1\"");
  EXPECT_EQ(error_of("init write /x y at\n"), "t.nss:1: write: expected PATH TEXT [at N]");
  EXPECT_EQ(error_of("init write /x y on 1\n"), "t.nss:1: write: expected PATH TEXT [at N]");
  EXPECT_EQ(error_of("init write /x y at -1\n"), "t.nss:1: write: not a number: \"-1\"");
  EXPECT_EQ(error_of("init nl raw 123\n"), "t.nss:1: nl: not hex bytes: \"123\"");
  EXPECT_EQ(error_of("init nl raw 12zz\n"), "t.nss:1: nl: not hex bytes: \"12zz\"");
  EXPECT_EQ(error_of("init nl raw\n"), "t.nss:1: nl: expected 1 argument, got 0");
  EXPECT_EQ(error_of("init mount /a /b\n"), "t.nss:1: mount: expected --bind SRC DST");
  // The new-mount form takes mount flags, not remount or bind.
  EXPECT_EQ(error_of("init mount -t tmpfs t /run -o remount\n"),
            "t.nss:1: mount: bad mount option \"remount\" (rw, ro, nosuid, nodev, noexec, "
            "noatime, nodiratime, relatime, strictatime, sync, dirsync, lazytime, nosymfollow, "
            "KEY=VALUE)");
  EXPECT_EQ(error_of("init mount -o remount,ro,ro /run\n"),
            "t.nss:1: mount: \"ro\" given twice in \"remount,ro,ro\"");
  EXPECT_EQ(error_of("init nl newnsid target=3\n"), "t.nss:1: nl newnsid: bad argument \"target=3\"");
  EXPECT_EQ(error_of("init nl getnsid pid=bob\n"), "t.nss:1: unknown task \"bob\"");
  EXPECT_EQ(error_of("init nl getnsid nsid=x\n"), "t.nss:1: nl: not a number: \"x\"");
  EXPECT_EQ(error_of("init nl getnsid nsid=1 nsid=2\n"), "t.nss:1: nl: nsid given twice");
  EXPECT_EQ(error_of("init nl frob\n"), "t.nss:1: nl: unknown request \"frob\"");
  EXPECT_EQ(error_of("init monitor link\n"), "t.nss:1: monitor: expected nsid");
  EXPECT_EQ(error_of("init events x\n"), "t.nss:1: events: not a count: \"x\"");
  EXPECT_EQ(error_of("init settle now\n"), "t.nss:1: settle: expected 0 arguments, got 1");
  EXPECT_EQ(error_of(std::string("init settle\0x\n", 14)), "t.nss:1: a NUL byte in the line");
}

// The namespace commands: comma lists of types, pidfd, hostname, getpid,
// the pid requests of ioctl; each refused word named.
TEST(ScenarioParse, NamespaceCommandsRefuseWhatTheyDoNotTake) {
  const std::string all = " (net, user, uts, ipc, mnt, pid, cgroup, time)";
  EXPECT_EQ(error_of("init unshare net,foo\n"), "t.nss:1: unshare: bad flag \"foo\" in \"net,foo\"" + all);
  EXPECT_EQ(error_of("init unshare net,\n"), "t.nss:1: unshare: bad flag \"\" in \"net,\"" + all);
  EXPECT_EQ(error_of("init unshare 0\n"), "t.nss:1: unshare: bad flag \"0\"" + all);
  EXPECT_EQ(error_of("init unshare user,net,user\n"),
            "t.nss:1: unshare: \"user\" given twice in \"user,net,user\"");
  EXPECT_EQ(error_of("init unshare\n"), "t.nss:1: unshare: expected 1 argument, got 0");
  EXPECT_EQ(error_of("init setns fd 0,net\n"), "t.nss:1: setns: \"0\" stands alone, not in a list: \"0,net\"");
  EXPECT_EQ(error_of("init setns fd ipc,0\n"), "t.nss:1: setns: \"0\" stands alone, not in a list: \"ipc,0\"");
  EXPECT_EQ(error_of("init setns fd uts,uts\n"), "t.nss:1: setns: \"uts\" given twice in \"uts,uts\"");
  EXPECT_EQ(error_of("init pidfd bob as p\n"), "t.nss:1: unknown task \"bob\"");
  EXPECT_EQ(error_of("init pidfd init p\n"), "t.nss:1: pidfd: expected TASK as FD");
  EXPECT_EQ(error_of("init pidfd init as P\n"), "t.nss:1: bad fd name \"P\"");
  EXPECT_EQ(error_of("init hostname a b\n"), "t.nss:1: hostname: expected 0 to 1 argument, got 2");
  EXPECT_EQ(error_of("init getpid now\n"), "t.nss:1: getpid: expected 0 arguments, got 1");
  EXPECT_EQ(error_of("init ioctl fd NS_GET_PID_IN_PIDNS\n"), "t.nss:1: ioctl: expected 3 arguments, got 2");
  EXPECT_EQ(error_of("init ioctl fd NS_GET_PID_FROM_PIDNS bob\n"), "t.nss:1: unknown task \"bob\"");
  EXPECT_EQ(error_of("init ioctl fd NS_GET_TGID_IN_PIDNS init x\n"),
            "t.nss:1: ioctl: expected 3 arguments, got 4");
  EXPECT_EQ(error_of("init ioctl fd NS_GET_MNTNS_ID init\n"), "t.nss:1: ioctl: expected FD REQ [as FD2]");
  EXPECT_EQ(error_of("init ioctl fd NS_GET_ID as Q\n"), "t.nss:1: bad fd name \"Q\"");
}

// Raw numbers: only where the language takes them, and only numbers.
TEST(ScenarioParse, RawNumbersOnlyWhereTaken) {
  EXPECT_EQ(error_of("init setns -1 net\ninit ioctl 99 0x0\ninit close -1\n"), "");
  EXPECT_EQ(error_of("init setns 1x net\n"), "t.nss:1: bad fd name \"1x\"");
  EXPECT_EQ(error_of("init close 99999999999\n"), "t.nss:1: bad fd name \"99999999999\"");
  EXPECT_EQ(error_of("init open /x as 3\n"), "t.nss:1: bad fd name \"3\"");
  EXPECT_EQ(error_of("init ioctl fd 0xg\n"), "t.nss:1: ioctl: unknown request \"0xg\"");
  EXPECT_EQ(error_of("init ioctl fd 0x100000000\n"), "t.nss:1: ioctl: unknown request \"0x100000000\"");
  EXPECT_EQ(error_of("init setns fd net,0x100\n"),
            "t.nss:1: setns: bad type \"0x100\" in \"net,0x100\" (net, user, uts, ipc, mnt, pid, cgroup, time, 0)");
  EXPECT_EQ(error_of("init nl getnsid fd=3\n"), "t.nss:1: bad fd name \"3\"");
}

// open's FLAGS: known words, each once.
TEST(ScenarioParse, OpenFlagsRefuseWhatTheyDoNotTake) {
  const std::string all = " (rdonly, wronly, rdwr, path, nofollow, directory, creat, excl, cloexec)";
  EXPECT_EQ(error_of("init open /x as f path,cloexec\n"), "");
  EXPECT_EQ(error_of("init open /x as f trunc\n"), "t.nss:1: open: bad flag \"trunc\"" + all);
  EXPECT_EQ(error_of("init open /x as f path,path\n"), "t.nss:1: open: \"path\" given twice in \"path,path\"");
  EXPECT_EQ(error_of("init open /x as f path x\n"), "t.nss:1: open: expected PATH as FD [FLAGS]");
  EXPECT_EQ(error_of("init open /x as f 0x1\n"), "t.nss:1: open: bad flag \"0x1\"" + all);
}

// Task names exist from `spawn` to `exit`, in file order.
TEST(ScenarioParse, TasksLiveFromSpawnToExit) {
  EXPECT_EQ(error_of("init spawn t\nt settle\nt exit\nt settle\n"), "t.nss:4: unknown task \"t\"");
  EXPECT_EQ(error_of("init spawn t\ninit spawn t\n"), "t.nss:2: task t exists");
  EXPECT_EQ(error_of("init spawn t\nt spawn u\nu exit\nt spawn u\nu settle\n"), "");
  EXPECT_EQ(error_of("init spawn T\n"), "t.nss:1: bad task name \"T\"");
  // pid=TASK names an exited task too (its last pid); a TASK argument does not.
  EXPECT_EQ(error_of("init spawn t\nt exit\ninit nl getnsid pid=t\ninit nl newnsid pid=t\n"), "");
  EXPECT_EQ(error_of("init spawn t\nt exit\ninit pidfd t as p\n"), "t.nss:3: unknown task \"t\"");
  EXPECT_EQ(error_of("init spawn t\nt exit\ninit spawn t\nt exit\ninit nl getnsid pid=t\n"), "");
  EXPECT_EQ(error_of("init nl getnsid pid=nobody\n"), "t.nss:1: unknown task \"nobody\"");
}

int run(const std::string& text, std::string& out, std::string& err) {
  std::ostringstream o, e;
  int rc = run_text(text, "t.nss", o, e);
  out = o.str();
  err = e.str();
  return rc;
}

TEST(ScenarioRun, TranscriptIndentsResultsAndChecksExpectations) {
  std::string out, err;
  EXPECT_EQ(run("init readlink /proc/self/ns/net => net:[ns1]\ninit unshare net => ok\n"
                "init readlink /proc/self/ns/net\n",
                out, err),
            0);
  EXPECT_EQ(out,
            "init readlink /proc/self/ns/net\n  net:[ns1]\n"
            "init unshare net\n  ok\n"
            "init readlink /proc/self/ns/net\n  net:[ns2]\n");
  EXPECT_EQ(err, "");
}

TEST(ScenarioRun, AFailedExpectationNamesFileLineExpectedAndGotAndRunsOn) {
  std::string out, err;
  EXPECT_EQ(run("init settle => nope\ninit ip netns list => a | b\ninit settle => ok\n", out, err), 1);
  EXPECT_EQ(err,
            "t.nss:1: expected \"nope\", got \"ok\"\n"
            "t.nss:2: expected \"a | b\", got \"\"\n");
  EXPECT_NE(out.find("init settle\n  ok\n"), std::string::npos);
}

TEST(ScenarioRun, MalformedLinesStopWithStatusTwo) {
  std::string out, err;
  EXPECT_EQ(run("init settle\ninit bogus\n", out, err), 2);
  EXPECT_EQ(err, "t.nss:2: unknown command \"bogus\"\n");
  EXPECT_EQ(out, "");  // parsing comes first: nothing ran
  // Found only while running: an fd name that is not open.
  EXPECT_EQ(run("init settle\ninit close nothing\ninit settle\n", out, err), 2);
  EXPECT_EQ(err, "t.nss:2: unknown fd \"nothing\"\n");
  EXPECT_EQ(out, "init settle\n  ok\n");
  EXPECT_EQ(run("init readlink /proc/@nobody/ns/net\n", out, err), 2);
  EXPECT_EQ(err, "t.nss:1: unknown task \"nobody\" in path\n");
}

TEST(ScenarioRun, PathsNameTasksAndFds) {
  std::string out, err;
  EXPECT_EQ(run("init spawn t\nt unshare net\ninit open /proc/@t/ns/net as tn => ok\n"
                "init readlink /proc/self/fd/%tn => net:[ns1]\n"
                "init readlink /proc/@t/ns/net => net:[ns1]\n"
                "init readlink /proc/self => init\n",
                out, err),
            0)
      << err;
}

// An exited task's @TASK is its last pid, whose /proc entry is gone.
TEST(ScenarioRun, AnExitedTaskKeepsItsLastPid) {
  std::string out, err;
  EXPECT_EQ(run("init spawn t\nt exit\ninit readlink /proc/@t/ns/net => error ENOENT\n"
                "init spawn t\ninit readlink /proc/@t/ns/net => net:[ns1]\n",
                out, err),
            0)
      << err << out;
}

TEST(ScenarioRun, IpReportsStderrAndStatus) {
  std::string out, err;
  EXPECT_EQ(run("init ip netns add a/b => stderr: Invalid netns name \"a/b\" | exit 255\n"
                "init ip netns del nope => stderr: Cannot remove namespace file \"/run/netns/nope\": "
                "No such file or directory | exit 1\n"
                "init ip -j netns list => []\n"
                "init ip netns bogus => stderr: Command \"bogus\" is unknown, try \"ip netns help\". | exit 255\n",
                out, err),
            0)
      << err;
}

}  // namespace
}  // namespace netns::tools
