// SPDX-License-Identifier: GPL-2.0-only
// Pieces of a command's result that both backends form the same way:
// file content as lines, `ip`'s arguments and its output, and the results
// normalized (result_normalizer).
//
//   split_lines("a\nb\n")            -> {"a", "b"}
//   ip_args_with_pids(args, pid_of)   // "attach red t" -> "attach red 42"
//   result_normalizer n(pids);
//   n.link("/proc/42/ns/net")         -> "/proc/t/ns/net"
//
// No locking: values.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "netns/tools/backend.hpp"

namespace netns::tools {

// `@NAME` as the pid of task NAME and `%FD` as the number of fd FD, in a
// scenario's path (`/proc/@t/ns/net`). nullopt, with `why`, for a name the
// lookup does not know.
using path_lookup = std::function<std::optional<std::string>(const std::string&)>;
std::optional<std::string> substitute_path(const std::string& p, const path_lookup& pid_of,
                                           const path_lookup& fd_of, std::string& why);

// Content as lines: a last line without its newline counts; no empty line
// for the final newline.
std::vector<std::string> split_lines(const std::string& all);

// Every task's pid and its scenario name, kept after the task exits: its
// pid still shows in paths (an fd on /proc/PID reads "/proc/PID (deleted)").
// A pid of no task names itself.
class pid_names {
 public:
  void add(const std::string& pid, const std::string& name) { names_[pid] = name; }
  std::string operator()(const std::string& pid) const {
    auto it = names_.find(pid);
    return it == names_.end() ? pid : it->second;
  }

 private:
  std::map<std::string, std::string> names_;
};

// Pids become task names (SCENARIOS.md): in a link target or a path, the
// components in pid places (`7`, `7/task/7`, `/proc/7/net/dev`, not the
// fd number of `/proc/7/fd/3`) name the tasks instead. `pid_name` returns
// its argument for a pid of no task.
std::string pids_to_names(const std::string& path,
                          const std::function<std::string(const std::string&)>& pid_name);

// Whether `ls DIR` lists pids: /proc and /proc/PID/task (DIR as written,
// after @task and %fd substitution).
bool lists_pids(const std::string& dir);

// `ls`: the names without . and .., sorted; with pid_entries, the pids of
// tasks as task names.
std::vector<std::string> ls_lines(std::vector<std::string> names, bool pid_entries,
                                  const std::function<std::string(const std::string&)>& pid_name);

// Where iproute2 takes a pid (`netns attach NAME PID`, `netns identify
// [PID]`), the scenario names a task: the name becomes that task's pid.
std::vector<std::string> ip_args_with_pids(
    std::vector<std::string> args,
    const std::function<std::optional<std::string>(const std::string&)>& pid_of);

// ip's result lines: stdout (for `netns pids`, each pid as its task's name,
// ip's own as "ip"), then stderr as "stderr: TEXT", then "exit N" when the
// status is not zero.
std::vector<std::string> ip_result_lines(
    const std::vector<std::string>& args, const std::vector<std::string>& out,
    const std::vector<std::string>& err, int status, const std::string& ip_pid,
    const std::function<std::string(const std::string&)>& pid_name);

// A command's results as both backends show them: namespace inode numbers
// and NS_GET_ID values named in order of appearance (normalizer), pids of
// tasks as their names. One per run: the numbering runs across commands.
class result_normalizer {
 public:
  explicit result_normalizer(const pid_names& pids) : pids_(pids) {}
  // readlink's target.
  std::string link(const std::string& target);
  // stat of a namespace file: "ino nsN".
  std::string nsfs_inode(std::uint64_t ino) { return "ino " + norm_.ns(ino); }
  // cat: a file's content, a line each, links in it named.
  std::vector<std::string> content(const std::string& all);
  // ls: the names of `dir` (as resolved), sorted, pids of tasks as names.
  std::vector<std::string> listing(std::vector<std::string> names, const std::string& dir) const;
  // `mounts PATH`: the mountinfo lines whose mount point is PATH or below
  // it, as "mN mP ROOT MOUNTPOINT [shared:gK] [master:gK]
  // [propagate_from:gK] [unbindable] FSTYPE".
  std::vector<std::string> mounts(const std::string& mountinfo, const std::string& path);
  // `mtab PATH`: the /proc/self/mounts lines whose mount point is PATH or
  // below it, as they are.
  std::vector<std::string> mtab(const std::string& mounts, const std::string& path);
  // `mountinfo PATH`: as `mounts`, with the options: each line but its
  // device number (the host's), `mN mP ROOT MOUNTPOINT OPTIONS [fields]
  // - FSTYPE SOURCE SUPER_OPTIONS`.
  std::vector<std::string> mountinfo(const std::string& mountinfo, const std::string& path);
  // NS_GET_ID: "idN".
  std::string ns_id(std::uint64_t id) { return norm_.id(id); }
  // getpid, NS_GET_*_PIDNS: "pid NAME" for a pid of the scenario's root
  // pid namespace (`root_ns`), as pids print everywhere; "pid N" for a pid
  // in a namespace the scenario made (the kernel numbers those the same
  // way on every run).
  std::string pid(const std::string& n, bool root_ns) const {
    return "pid " + (root_ns ? pid_name(n) : n);
  }
  // A program's output: its lines with namespace numbers normalized,
  // stderr lines as "stderr: TEXT", then "exit N" for a non-zero status.
  std::vector<std::string> program(const std::vector<std::string>& out,
                                   const std::vector<std::string>& err, int status);
  // ip's output (see ip_result_lines), its namespace links normalized as
  // a program's (ip netns exec runs any program).
  std::vector<std::string> ip(const std::vector<std::string>& args, const std::vector<std::string>& out,
                              const std::vector<std::string>& err, int status,
                              const std::string& ip_pid);

 private:
  std::string pid_name(const std::string& pid) const { return pids_(pid); }
  // mounts and mountinfo: the lines at and below `path`, with or without
  // the options.
  std::vector<std::string> mountinfo_lines(const std::string& mountinfo, const std::string& path,
                                           bool options);

  normalizer norm_;
  const pid_names& pids_;
};

// NS_GET_NSTYPE's answer as the scenario prints it: "0x40000000".
std::string hex_line(unsigned long v);

// statfs's answer as the scenario prints it (the same fields on both
// backends): "nsfs bsize=4096 blocks=0 ... frsize=4096 flags=valid".
struct statfs_fields {
  long type = 0, bsize = 0;
  unsigned long long blocks = 0, bfree = 0, bavail = 0, files = 0, ffree = 0;
  long namelen = 0, frsize = 0, flags = 0;
};
std::string statfs_line(const statfs_fields& f);

}  // namespace netns::tools
