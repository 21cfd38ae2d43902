// SPDX-License-Identifier: GPL-2.0-only
// The command table: each row's shape binds exactly its operation's
// members, its example parses to its operation, its words bind to the
// typed members; and an operation crosses the linux backend's wire
// (op_wire.hpp) whole.
#include "netns/tools/commands.hpp"

#include <gtest/gtest.h>
#include <sys/mount.h>
#include <linux/nsfs.h>
#include <sched.h>
#include <fcntl.h>

#include <string>
#include <vector>

#include "netns/tools/scenario.hpp"
#include "tools/op_wire.hpp"

namespace netns::tools {
namespace {

std::size_t bound(const std::vector<arg_spec>& v) {
  std::size_t n = 0;
  for (const arg_spec& a : v) n += a.kind != arg_kind::literal;
  return n;
}

TEST(CommandTable, EachFormBindsExactlyItsOperationsMembers) {
  for (const command_spec& c : command_table())
    for (const form_spec& f : c.forms)
      EXPECT_EQ(bound(f.args) + bound(f.optional) + f.options.size(), f.members)
          << c.verb << " " << f.request;
}

TEST(CommandTable, EachExampleParsesToItsCommand) {
  for (const command_spec& c : command_table()) {
    // The example's task exists (it runs after the lines that set it up).
    const std::string_view example = c.example;
    std::vector<std::string> tasks{"init", std::string(example.substr(0, example.find(' ')))};
    line_result r = parse_line(c.example, "help", 1, tasks);
    ASSERT_TRUE(r.cmd) << c.verb << ": " << (r.error ? r.error->text() : "blank");
    EXPECT_EQ(find_command(c.verb), &c);
    EXPECT_EQ(r.cmd->text.substr(r.cmd->text.find(' ') + 1, c.verb.size()), c.verb);
  }
  EXPECT_EQ(find_command("frob"), nullptr);
}

operation parsed(const std::string& line) {
  std::vector<std::string> tasks{"init", "t"};
  line_result r = parse_line(line, "t.nss", 1, tasks);
  EXPECT_TRUE(r.cmd) << line << ": " << (r.error ? r.error->text() : "blank");
  return r.cmd ? r.cmd->op : operation{};
}

// A raw fd number in place of an fd name (setns, ioctl, close), a raw
// nstype (setns) and a raw request number (ioctl): the kernel gets them as
// written; a word that is a choice stays the choice.
TEST(CommandTable, RawNumbersBindAsWritten) {
  EXPECT_EQ(std::get<setns_op>(parsed("init setns -1 net")).fd.name, "-1");
  EXPECT_EQ(raw_fd_number("-1"), -1);
  EXPECT_EQ(raw_fd_number("99"), 99);
  EXPECT_FALSE(raw_fd_number("a1"));
  EXPECT_FALSE(raw_fd_number("-"));
  EXPECT_FALSE(raw_fd_number("99999999999"));
  EXPECT_EQ(std::get<close_op>(parsed("init close 99")).fd.name, "99");
  EXPECT_EQ(std::get<ioctl_op>(parsed("init ioctl -1 NS_GET_NSTYPE")).fd.name, "-1");
  EXPECT_EQ(std::get<setns_op>(parsed("init setns a -1")).nstype, -1);
  EXPECT_EQ(std::get<setns_op>(parsed("init setns a 0x100")).nstype, 0x100);
  EXPECT_EQ(std::get<setns_op>(parsed("init setns a 0x40000100")).nstype, 0x40000100);
  EXPECT_EQ(std::get<setns_op>(parsed("init setns a 0")).nstype, 0);
  EXPECT_EQ(std::get<ioctl_op>(parsed("init ioctl a 0x5451")).request, 0x5451ul);
  EXPECT_EQ(std::get<ioctl_op>(parsed("init ioctl a 0xc0189374")).request, 0xc0189374ul);
  EXPECT_EQ(std::get<ioctl_op>(parsed("init ioctl a 0x0")).request, 0ul);
  EXPECT_EQ(std::get<ioctl_op>(parsed("init ioctl a NS_GET_NSTYPE")).request,
            static_cast<unsigned long>(NS_GET_NSTYPE));
}

// open's FLAGS: O_RDONLY without them; rdonly, which is 0, in a list too.
TEST(CommandTable, OpenFlagsBindAsOFlags) {
  EXPECT_EQ(std::get<open_op>(parsed("init open /a as f")).flags, 0u);
  EXPECT_EQ(std::get<open_op>(parsed("init open /a as f rdonly")).flags, 0u);
  EXPECT_EQ(std::get<open_op>(parsed("init open /a as f rdonly,cloexec")).flags,
            static_cast<std::uint32_t>(O_CLOEXEC));
  EXPECT_EQ(std::get<open_op>(parsed("init open /a as f path")).flags, static_cast<std::uint32_t>(O_PATH));
  EXPECT_EQ(std::get<open_op>(parsed("init open /a as f wronly,creat,excl")).flags,
            static_cast<std::uint32_t>(O_WRONLY | O_CREAT | O_EXCL));
  EXPECT_EQ(std::get<open_op>(parsed("init open /a as f rdwr,nofollow,directory")).flags,
            static_cast<std::uint32_t>(O_RDWR | O_NOFOLLOW | O_DIRECTORY));
  EXPECT_EQ(std::get<open_op>(parsed("init open /a as f rdwr")).as.name, "f");
}

// write's TEXT: \n is a newline, any other backslash stays.
TEST(CommandTable, WriteTextTakesBackslashNAsNewline) {
  EXPECT_EQ(std::get<write_op>(parsed("init write /a \"x y\\nz\"")).text, "x y\nz");
  EXPECT_EQ(std::get<write_op>(parsed("init write /a a\\n\\nb")).text, "a\n\nb");
  EXPECT_EQ(std::get<write_op>(parsed("init write /a a\\tb\\")).text, "a\\tb\\");
  EXPECT_EQ(std::get<write_op>(parsed("init write /a \"0 0 1\"")).path.written, "/a");
}

// write's `at N`: an offset, absent without it.
TEST(CommandTable, WriteAtBindsAnOffset) {
  EXPECT_FALSE(std::get<write_op>(parsed("init write /a x")).at);
  EXPECT_EQ(std::get<write_op>(parsed("init write /a x at 0")).at, 0U);
  EXPECT_EQ(std::get<write_op>(parsed("init write /a \"0 0 1\" at 4096")).at, 4096U);
  write_op w{path_arg{"/a", "/a"}, "t", 7};
  EXPECT_EQ(std::get<write_op>(*decode_op(encode_op(w))).at, 7U);
}

// nl raw's HEX: the bytes it spells, either case.
TEST(CommandTable, NlRawBindsBytes) {
  EXPECT_EQ(std::get<nl_raw_op>(parsed("init nl raw 1400005A")).bytes, std::string("\x14\x00\x00\x5a", 4));
  nl_raw_op raw{std::string("\x00\xff\x10", 3)};
  EXPECT_EQ(std::get<nl_raw_op>(*decode_op(encode_op(raw))).bytes, raw.bytes);
}

// nl's echo and capack: flags of each request, in any order.
TEST(CommandTable, NlEchoAndCapackAreFlags) {
  const auto n = std::get<nl_newnsid_op>(parsed("init nl newnsid nsid=1 echo capack"));
  EXPECT_TRUE(n.echo);
  EXPECT_TRUE(n.capack);
  const auto g = std::get<nl_getnsid_op>(parsed("init nl getnsid capack pid=t"));
  EXPECT_FALSE(g.echo);
  EXPECT_TRUE(g.capack);
  const auto d = std::get<nl_dumpnsid_op>(parsed("init nl dumpnsid echo strict"));
  EXPECT_TRUE(d.echo);
  EXPECT_TRUE(d.strict);
  EXPECT_FALSE(d.capack);
}

TEST(CommandTable, WordsBindToTypedMembers) {
  EXPECT_EQ(std::get<unshare_op>(parsed("init unshare net,user")).flags, CLONE_NEWNET | CLONE_NEWUSER);
  EXPECT_EQ(std::get<setns_op>(parsed("init setns a 0")).nstype, 0);
  EXPECT_EQ(std::get<setns_op>(parsed("init setns a user")).fd.name, "a");
  const auto io = std::get<ioctl_op>(parsed("init ioctl a NS_GET_USERNS as b"));
  EXPECT_EQ(io.request, static_cast<unsigned long>(NS_GET_USERNS));
  ASSERT_TRUE(io.as);
  EXPECT_EQ(io.as->name, "b");
  EXPECT_FALSE(std::get<ioctl_op>(parsed("init ioctl a NS_GET_ID")).as);
  EXPECT_EQ(std::get<ioctl_op>(parsed("init ioctl a NS_GET_ID")).request, ns_get_id);
  EXPECT_EQ(std::get<setuid_op>(parsed("init setuid 007")).uid, 7u);
  const auto m = std::get<mount_bind_op>(parsed("init mount --bind /a /b"));
  EXPECT_EQ(m.source.written, "/a");
  EXPECT_EQ(m.target.written, "/b");
  EXPECT_EQ(m.recursive, 0u);
  const auto rb = std::get<mount_bind_op>(parsed("init mount --rbind /a /b"));
  EXPECT_EQ(rb.source.written, "/a");
  EXPECT_EQ(rb.target.written, "/b");
  EXPECT_EQ(rb.recursive, 1u);
  const auto mv = std::get<mount_move_op>(parsed("init mount --move /a /b"));
  EXPECT_EQ(mv.source.written, "/a");
  EXPECT_EQ(mv.target.written, "/b");
  const auto mp = std::get<mount_propagation_op>(parsed("init mount --make-rslave /a"));
  EXPECT_EQ(mp.flags, static_cast<std::uint32_t>(MS_REC | MS_SLAVE));
  EXPECT_EQ(mp.path.written, "/a");
  const auto fs = std::get<mount_fs_op>(parsed("init mount -t proc p /a"));
  EXPECT_EQ(std::string(fs.fstype_name()), "proc");
  EXPECT_EQ(fs.source, "p");
  EXPECT_EQ(fs.target.written, "/a");
  EXPECT_EQ(fs.flags, 0u);
  // -o's words are mount(2)'s flags; rw is no flag at all.
  const auto fso = std::get<mount_fs_op>(parsed("init mount -t tmpfs t /a -o rw,nosuid,noatime"));
  EXPECT_EQ(fso.flags, static_cast<std::uint64_t>(MS_NOSUID | MS_NOATIME));
  const auto re = std::get<mount_remount_op>(parsed("init mount -o remount,bind,ro /a"));
  EXPECT_EQ(re.flags, static_cast<std::uint64_t>(MS_REMOUNT | MS_BIND | MS_RDONLY));
  EXPECT_EQ(re.path.written, "/a");
  EXPECT_EQ(std::get<mount_remount_op>(parsed("init mount -o rw /a")).flags, 0u);
  EXPECT_EQ(re.data.written, "");
  // KEY=VALUE words are the data, at a remount too, in their order.
  const auto red =
      std::get<mount_remount_op>(parsed("init mount -o hidepid=2,remount,pidns=/proc/@t/ns/pid /a"));
  EXPECT_EQ(red.flags, static_cast<std::uint64_t>(MS_REMOUNT));
  EXPECT_EQ(red.data.written, "hidepid=2,pidns=/proc/@t/ns/pid");
  EXPECT_EQ(std::get<mountinfo_op>(parsed("init mountinfo /run")).path.written, "/run");
  EXPECT_EQ(std::get<mounts_op>(parsed("init mounts /run")).path.written, "/run");
  EXPECT_FALSE(std::get<events_op>(parsed("init events")).count);
  EXPECT_EQ(std::get<events_op>(parsed("init events 3")).count, 3u);
  // Options bind by key whatever their order; 4294967295 is -1 to a
  // 32-bit attribute.
  const auto get = std::get<nl_getnsid_op>(parsed("init nl getnsid target=1 fd=a nsid=4294967295"));
  EXPECT_EQ(get.nsid, -1);
  EXPECT_FALSE(get.pid);
  ASSERT_TRUE(get.fd);
  EXPECT_EQ(get.fd->name, "a");
  EXPECT_EQ(get.target, 1);
  const auto dump = std::get<nl_dumpnsid_op>(parsed("init nl dumpnsid strict"));
  EXPECT_TRUE(dump.strict);
  EXPECT_FALSE(dump.target);
  EXPECT_EQ(std::get<nl_newnsid_op>(parsed("init nl newnsid pid=t")).pid->name, "t");
  EXPECT_EQ(std::get<ip_op>(parsed("init ip -j netns list")).args.written,
            (std::vector<std::string>{"-j", "netns", "list"}));
  EXPECT_EQ(std::get<spawn_op>(parsed("init spawn u")).name, "u");
}

TEST(CommandTable, NamespaceCommandsBindTypesTasksAndNames) {
  // A comma list in any order, ORed; the old pairs still mean both.
  EXPECT_EQ(std::get<unshare_op>(parsed("init unshare user,net")).flags, CLONE_NEWUSER | CLONE_NEWNET);
  EXPECT_EQ(std::get<unshare_op>(parsed("init unshare uts")).flags, CLONE_NEWUTS);
  EXPECT_EQ(std::get<unshare_op>(parsed("init unshare time,cgroup,pid,mnt,ipc,uts,user,net")).flags,
            clone_newtime | CLONE_NEWCGROUP | CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWIPC | CLONE_NEWUTS |
                CLONE_NEWUSER | CLONE_NEWNET);
  EXPECT_EQ(clone_newtime, 0x80);
  EXPECT_EQ(std::get<setns_op>(parsed("init setns p uts,net,pid")).nstype,
            CLONE_NEWUTS | CLONE_NEWNET | CLONE_NEWPID);
  EXPECT_EQ(std::get<setns_op>(parsed("init setns a mnt")).nstype, CLONE_NEWNS);
  const auto pf = std::get<pidfd_op>(parsed("init pidfd t as pt"));
  EXPECT_EQ(pf.task.name, "t");
  EXPECT_EQ(pf.as.name, "pt");
  EXPECT_FALSE(std::get<hostname_op>(parsed("init hostname")).name);
  EXPECT_EQ(std::get<hostname_op>(parsed("init hostname red")).name, "red");
  EXPECT_EQ(std::get<hostname_op>(parsed("init hostname \"\"")).name, "");
  EXPECT_TRUE(std::holds_alternative<getpid_op>(parsed("init getpid")));
  // ioctl's form is picked by its request: a pid request takes a TASK.
  const auto ip = std::get<ioctl_pid_op>(parsed("init ioctl p NS_GET_PID_FROM_PIDNS t"));
  EXPECT_EQ(ip.fd.name, "p");
  EXPECT_EQ(ip.request, ns_get_pid_from_pidns);
  EXPECT_EQ(ip.task.name, "t");
  EXPECT_EQ(std::get<ioctl_pid_op>(parsed("init ioctl p NS_GET_TGID_FROM_PIDNS t")).request, 0x8004b707UL);
  EXPECT_EQ(std::get<ioctl_pid_op>(parsed("init ioctl p NS_GET_PID_IN_PIDNS t")).request, 0x8004b708UL);
  EXPECT_EQ(std::get<ioctl_pid_op>(parsed("init ioctl p NS_GET_TGID_IN_PIDNS init")).request, 0x8004b709UL);
  EXPECT_EQ(std::get<ioctl_op>(parsed("init ioctl m NS_GET_MNTNS_ID")).request, 0x8008b705UL);
  EXPECT_EQ(std::get<ioctl_op>(parsed("init ioctl m NS_GET_PARENT as q")).as->name, "q");
}

TEST(CommandTable, CapsDropAndPrctlDumpable) {
  // Capability names bind to their bits, ORed; CAP_CHECKPOINT_RESTORE is 40.
  EXPECT_EQ(std::get<caps_drop_op>(parsed("init caps drop CAP_SYS_ADMIN")).caps, 1ULL << 21);
  EXPECT_EQ(std::get<caps_drop_op>(parsed("init caps drop CAP_SYS_CHROOT,CAP_CHOWN")).caps,
            (1ULL << 18) | 1ULL);
  EXPECT_EQ(std::get<caps_drop_op>(parsed("init caps drop CAP_CHECKPOINT_RESTORE")).caps, 1ULL << 40);
  EXPECT_EQ(std::get<prctl_dumpable_op>(parsed("init prctl dumpable 1")).on, 1U);
  EXPECT_EQ(std::get<prctl_dumpable_op>(parsed("init prctl dumpable 0")).on, 0U);
  caps_drop_op caps{(1ULL << 40) | 2};
  EXPECT_EQ(std::get<caps_drop_op>(*decode_op(encode_op(caps))).caps, caps.caps);
}

TEST(OpWire, AResolvedOperationCrossesWhole) {
  nl_getnsid_op get;
  get.nsid = -1;
  get.fd = fd_arg{"a", 3};
  get.target = 5;
  ioctl_op io{fd_arg{"n", closed_fd}, NS_GET_PARENT, new_fd_name{"p"}};
  ip_op ip{program_args{{"netns", "attach", "red", "t"}, {"netns", "attach", "red", "42"}}};
  write_op w{path_arg{"/proc/@t/x", "/proc/42/x"}, "two words"};
  ioctl_pid_op pid{fd_arg{"p", 4}, ns_get_pid_in_pidns, task_arg{"t", 42}};
  pidfd_op pf{task_arg{"t", 42}, new_fd_name{"pt"}};
  hostname_op named{std::string("a b")}, unnamed{};
  for (const operation& op :
       std::vector<operation>{get, io, ip, w, exit_op{}, settle_op{}, pid, pf, named, unnamed, getpid_op{}}) {
    const linux_wire::frame f = encode_op(op);
    std::optional<operation> back = decode_op(f);
    ASSERT_TRUE(back) << f[0];
    EXPECT_EQ(back->index(), op.index());
    EXPECT_EQ(encode_op(*back), f);
  }
  // Names stay with the runner: the process gets numbers.
  const auto g = std::get<nl_getnsid_op>(*decode_op(encode_op(get)));
  EXPECT_EQ(g.fd->number, 3);
  EXPECT_EQ(g.fd->name, "");
  EXPECT_EQ(std::get<ip_op>(*decode_op(encode_op(ip))).args.resolved.back(), "42");
  EXPECT_EQ(std::get<write_op>(*decode_op(encode_op(w))).path.resolved, "/proc/42/x");
  EXPECT_EQ(std::get<ioctl_pid_op>(*decode_op(encode_op(pid))).task.pid, 42u);
  EXPECT_EQ(std::get<hostname_op>(*decode_op(encode_op(named))).name, "a b");
  EXPECT_FALSE(std::get<hostname_op>(*decode_op(encode_op(unnamed))).name);
}

TEST(OpWire, WhatIsNotAnOperationIsRefused) {
  EXPECT_FALSE(decode_op({}));
  EXPECT_FALSE(decode_op({"open", "/x"}));                 // a verb is no operation
  EXPECT_FALSE(decode_op({"999"}));                        // no such alternative
  EXPECT_FALSE(decode_op({std::to_string(operation(close_op{}).index())}));  // a member missing
  EXPECT_FALSE(decode_op({std::to_string(operation(close_op{}).index()), "x"}));  // not a number
  EXPECT_FALSE(decode_op({std::to_string(operation(settle_op{}).index()), "extra"}));
}

}  // namespace
}  // namespace netns::tools
