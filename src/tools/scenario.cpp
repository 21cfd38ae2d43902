// SPDX-License-Identifier: GPL-2.0-only
// Scenario parsing: words, quotes, comments, expectations, and each
// command's argument shape.
#include "netns/tools/scenario.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <set>

namespace netns::tools {

namespace {

struct split_line {
  std::vector<std::string> words;
  std::optional<std::string> expected;
  std::string error;  // non-empty: malformed
};

bool blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

std::string trim(std::string_view s) {
  std::size_t a = 0, b = s.size();
  while (a < b && blank(s[a])) ++a;
  while (b > a && blank(s[b - 1])) --b;
  return std::string(s.substr(a, b - a));
}

// Words up to a comment or "=>"; the expectation is the rest of the line
// after "=>" (outside quotes), trimmed, with its comment removed.
split_line split(std::string_view line) {
  split_line out;
  std::size_t i = 0;
  const std::size_t n = line.size();
  while (i < n) {
    while (i < n && blank(line[i])) ++i;
    if (i >= n || line[i] == '#') break;
    if (line.compare(i, 2, "=>") == 0 && (i + 2 >= n || blank(line[i + 2]))) {
      // The expectation runs to a comment: a # outside quotes, at the
      // start or after a blank.
      std::string_view rest = line.substr(i + 2);
      bool quoted = false;
      for (std::size_t k = 0; k < rest.size(); ++k) {
        if (rest[k] == '"' && (k == 0 || rest[k - 1] != '\\')) quoted = !quoted;
        if (rest[k] == '#' && !quoted && (k == 0 || blank(rest[k - 1]))) {
          rest = rest.substr(0, k);
          break;
        }
      }
      out.expected = trim(rest);
      return out;
    }
    std::string word;
    if (line[i] == '"') {
      ++i;
      bool closed = false;
      while (i < n) {
        char c = line[i++];
        if (c == '"') {
          closed = true;
          break;
        }
        if (c == '\\' && i < n && (line[i] == '"' || line[i] == '\\')) c = line[i++];
        word += c;
      }
      if (!closed) {
        out.error = "unterminated quote";
        return out;
      }
      if (i < n && !blank(line[i]) && line[i] != '#') {
        out.error = "a quoted word must end at a blank";
        return out;
      }
    } else {
      while (i < n && !blank(line[i]) && line[i] != '#') {
        if (line[i] == '"') {
          out.error = "a quote inside a word";
          return out;
        }
        word += line[i++];
      }
    }
    out.words.push_back(std::move(word));
  }
  return out;
}

bool is_int(std::string_view s, bool allow_negative) {
  if (s.empty()) return false;
  long long v;
  const char* b = s.data();
  if (!allow_negative && s.front() == '-') return false;
  auto [p, ec] = std::from_chars(b, b + s.size(), v);
  return ec == std::errc() && p == b + s.size() && v >= INT32_MIN && v <= UINT32_MAX;
}

bool is_path(std::string_view s) { return !s.empty() && s.front() == '/'; }

std::string quote(std::string_view s) { return "\"" + std::string(s) + "\""; }

// The shape of one command; "" when it is well formed.
std::string check(const command& c, std::vector<std::string>& tasks) {
  const auto& a = c.args;
  auto argc = [&](std::size_t lo, std::size_t hi) -> std::string {
    if (a.size() < lo || a.size() > hi)
      return c.verb + ": expected " +
             (lo == hi ? std::to_string(lo) : std::to_string(lo) + " to " + std::to_string(hi)) +
             " argument" + (hi == 1 ? "" : "s") + ", got " + std::to_string(a.size());
    return "";
  };
  auto fd_name = [&](const std::string& s) -> std::string {
    return valid_name(s) ? "" : "bad fd name " + quote(s);
  };
  auto path = [&](const std::string& s) -> std::string {
    return is_path(s) ? "" : "not an absolute path: " + quote(s);
  };
  auto known = [&](const std::string& t) {
    return std::find(tasks.begin(), tasks.end(), t) != tasks.end();
  };
  const std::string& v = c.verb;
  if (v == "spawn") {
    if (auto e = argc(1, 1); !e.empty()) return e;
    if (!valid_name(a[0])) return "bad task name " + quote(a[0]);
    if (known(a[0])) return "task " + a[0] + " exists";
    tasks.push_back(a[0]);
    return "";
  }
  if (v == "exit") {
    if (auto e = argc(0, 0); !e.empty()) return e;
    tasks.erase(std::find(tasks.begin(), tasks.end(), c.task));
    return "";
  }
  if (v == "unshare") {
    if (auto e = argc(1, 1); !e.empty()) return e;
    static const std::set<std::string> flags{"net", "user", "user,net", "net,user"};
    return flags.count(a[0]) ? "" : "unshare: bad flags " + quote(a[0]) + " (net, user, user,net)";
  }
  if (v == "setns") {
    if (auto e = argc(2, 2); !e.empty()) return e;
    if (auto e = fd_name(a[0]); !e.empty()) return e;
    return a[1] == "net" || a[1] == "user" || a[1] == "0" ? ""
                                                          : "setns: bad type " + quote(a[1]) + " (net, user, 0)";
  }
  if (v == "open") {
    if (a.size() != 3 || a[1] != "as") return "open: expected PATH as FD";
    if (auto e = path(a[0]); !e.empty()) return e;
    return fd_name(a[2]);
  }
  if (v == "close") {
    if (auto e = argc(1, 1); !e.empty()) return e;
    return fd_name(a[0]);
  }
  if (v == "readlink" || v == "stat" || v == "cat" || v == "ls" || v == "mkdir" || v == "touch" ||
      v == "rm" || v == "umount") {
    if (auto e = argc(1, 1); !e.empty()) return e;
    return path(a[0]);
  }
  if (v == "write") {
    if (auto e = argc(2, 2); !e.empty()) return e;
    return path(a[0]);
  }
  if (v == "mount") {
    if (a.size() != 3 || a[0] != "--bind") return "mount: expected --bind SRC DST";
    if (auto e = path(a[1]); !e.empty()) return e;
    return path(a[2]);
  }
  if (v == "ioctl") {
    if (a.size() != 2 && !(a.size() == 4 && a[2] == "as")) return "ioctl: expected FD REQ [as FD2]";
    if (auto e = fd_name(a[0]); !e.empty()) return e;
    static const std::set<std::string> reqs{"NS_GET_NSTYPE", "NS_GET_USERNS", "NS_GET_PARENT",
                                            "NS_GET_OWNER_UID", "NS_GET_ID"};
    if (!reqs.count(a[1])) return "ioctl: unknown request " + quote(a[1]);
    return a.size() == 4 ? fd_name(a[3]) : "";
  }
  if (v == "setuid") {
    if (auto e = argc(1, 1); !e.empty()) return e;
    return is_int(a[0], false) ? "" : "setuid: not a uid: " + quote(a[0]);
  }
  if (v == "nl") {
    if (a.empty()) return "nl: expected newnsid, getnsid or dumpnsid";
    std::set<std::string> keys;
    if (a[0] == "newnsid") keys = {"fd", "pid", "nsid"};
    else if (a[0] == "getnsid") keys = {"fd", "pid", "nsid", "target"};
    else if (a[0] == "dumpnsid") keys = {"target"};
    else return "nl: unknown request " + quote(a[0]);
    std::set<std::string> seen;
    for (std::size_t i = 1; i < a.size(); ++i) {
      if (a[0] == "dumpnsid" && a[i] == "strict") {
        if (!seen.insert("strict").second) return "nl: strict given twice";
        continue;
      }
      const auto eq = a[i].find('=');
      const std::string key = a[i].substr(0, eq);
      if (eq == std::string::npos || !keys.count(key)) return "nl " + a[0] + ": bad argument " + quote(a[i]);
      if (!seen.insert(key).second) return "nl: " + key + " given twice";
      const std::string val = a[i].substr(eq + 1);
      if (key == "fd" && !valid_name(val)) return "bad fd name " + quote(val);
      if (key == "pid" && !known(val)) return "unknown task " + quote(val);
      if ((key == "nsid" || key == "target") && !is_int(val, true)) return "nl: not a number: " + quote(val);
    }
    return "";
  }
  if (v == "monitor") {
    if (a.size() != 1 || a[0] != "nsid") return "monitor: expected nsid";
    return "";
  }
  if (v == "events") {
    if (auto e = argc(0, 1); !e.empty()) return e;
    return a.empty() || is_int(a[0], false) ? "" : "events: not a count: " + quote(a[0]);
  }
  if (v == "settle") return argc(0, 0);
  if (v == "ip") return "";
  return "unknown command " + quote(v);
}

}  // namespace

bool valid_name(std::string_view s) {
  if (s.empty() || s.size() > 64 || !(s[0] >= 'a' && s[0] <= 'z')) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

line_result parse_line(std::string_view line, const std::string& file, int number,
                       std::vector<std::string>& tasks) {
  line_result r;
  auto fail = [&](std::string msg) {
    r.error = parse_error{file, number, std::move(msg)};
    return r;
  };
  if (line.find('\0') != std::string_view::npos) return fail("a NUL byte in the line");
  split_line s = split(line);
  if (!s.error.empty()) return fail(s.error);
  if (s.words.empty()) {
    if (s.expected) return fail("an expectation without a command");
    return r;  // blank or comment
  }
  if (s.words.size() < 2) return fail("expected TASK COMMAND");
  command c;
  c.file = file;
  c.line = number;
  c.task = s.words[0];
  c.verb = s.words[1];
  c.args.assign(s.words.begin() + 2, s.words.end());
  c.expected = s.expected;
  if (!valid_name(c.task)) return fail("bad task name \"" + c.task + "\"");
  if (std::find(tasks.begin(), tasks.end(), c.task) == tasks.end())
    return fail("unknown task \"" + c.task + "\"");
  if (auto e = check(c, tasks); !e.empty()) return fail(e);
  // The transcript's form: words joined by one blank, quoted when needed.
  for (std::size_t i = 0; i < s.words.size(); ++i) {
    const std::string& w = s.words[i];
    const bool needs = w.empty() || w.find_first_of(" \t#\"") != std::string::npos;
    std::string shown = w;
    if (needs) {
      shown = "\"";
      for (char ch : w) {
        if (ch == '"' || ch == '\\') shown += '\\';
        shown += ch;
      }
      shown += "\"";
    }
    c.text += (i ? " " : "") + shown;
  }
  r.cmd = std::move(c);
  return r;
}

parse_result parse_scenario(std::string_view text, const std::string& file) {
  parse_result out;
  scenario sc;
  std::vector<std::string> tasks{"init"};
  int number = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const std::size_t nl = text.find('\n', pos);
    const std::string_view line =
        text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    ++number;
    auto r = parse_line(line, file, number, tasks);
    if (r.error) {
      out.error = *r.error;
      return out;
    }
    if (r.cmd) sc.commands.push_back(std::move(*r.cmd));
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  out.value = std::move(sc);
  return out;
}

const std::vector<command_doc>& command_docs() {
  // Written against check() above and the backends: what a command takes,
  // what it answers, and a line that runs (after the lines that set it up).
  static const std::vector<command_doc> docs = {
      {"spawn", "spawn NAME", "fork: NAME gets the task's namespaces, creds and fds",
       "NAME: the new task's name ([a-z][a-z0-9_]*), not one in use.\n"
       "The child is a fork of the task: same namespaces, credentials and fd table\n"
       "(its fds have the parent's names and numbers). It is known as NAME from then on.\n"
       "Result: ok (or error ERRNO when fork fails).",
       "init spawn t => ok"},
      {"exit", "exit", "the task exits; its fds close",
       "No arguments. The task exits and is reaped; its fds close, and the namespaces\n"
       "only it held go to cleanup (`settle` waits for that). Its name can no longer be\n"
       "used as a TASK, but @NAME and pid=NAME still name its last pid.\n"
       "Result: ok. (In the shell, a line `exit` alone, without a task, ends the session.)",
       "t exit => ok"},
      {"unshare", "unshare FLAGS", "new namespaces for the task: net, user or user,net",
       "FLAGS: net (CLONE_NEWNET), user (CLONE_NEWUSER), or user,net (both at once;\n"
       "the kernel makes the user namespace first, which then owns the new net).\n"
       "Result: ok, or error ERRNO (EPERM without CAP_SYS_ADMIN in the owning user\n"
       "namespace, ENOSPC past a max_*_namespaces limit).",
       "init unshare net => ok"},
      {"setns", "setns FD TYPE", "join the namespace an fd refers to",
       "FD: an fd name of the task (open ... as FD). TYPE: net, user, or 0 (any type).\n"
       "Result: ok, or error ERRNO (EINVAL when FD is not a namespace of TYPE, EBADF for\n"
       "a closed FD, EPERM without the capabilities setns needs).",
       "t setns n0 net => ok"},
      {"open", "open PATH as FD", "open PATH read-only; FD names the new fd",
       "PATH: an absolute path; @TASK stands for a task's pid (/proc/@t/ns/net) and %FD\n"
       "for an fd's number (/proc/self/fd/%n0). FD: a name ([a-z][a-z0-9_]*) for the new\n"
       "fd; the name of an open fd cannot be reused (close it first).\n"
       "Result: ok, or error ERRNO (ENOENT, EACCES, ...). An fd on a namespace file keeps\n"
       "the namespace alive.",
       "init open /proc/self/ns/net as n0 => ok"},
      {"close", "close FD", "close an fd",
       "FD: an fd name of the task. The name stays known but closed: using it again\n"
       "(close, setns, ioctl) reaches the kernel as a bad fd.\n"
       "Result: ok, or error EBADF when it is closed already.",
       "init close n0 => ok"},
      {"readlink", "readlink PATH", "the target of a symbolic link",
       "PATH: an absolute path (@TASK and %FD as for open).\n"
       "Result: the target, normalized: namespace inode numbers as nsN (net:[ns1]), pids\n"
       "of tasks as their names (/proc/t); or error ERRNO (ENOENT, EINVAL for a file\n"
       "that is not a link).",
       "init readlink /proc/self/ns/net => net:[ns1]"},
      {"stat", "stat PATH", "a namespace's inode (ino nsN), dir or file",
       "PATH: an absolute path (@TASK and %FD as for open); links are followed.\n"
       "Result: ino nsN for a namespace file (the inode, named as readlink names it), dir,\n"
       "file, or error ERRNO.",
       "init stat /proc/self/ns/net => ino ns1"},
      {"ioctl", "ioctl FD REQ [as FD2]", "an nsfs ioctl: NS_GET_NSTYPE, NS_GET_USERNS, ...",
       "FD: an fd name of the task. REQ, and its result:\n"
       "  NS_GET_NSTYPE     the namespace's CLONE_NEW* type (0x40000000 for net)\n"
       "  NS_GET_USERNS     ok: an fd on the owning user namespace\n"
       "  NS_GET_PARENT     ok: an fd on the parent (pid and user namespaces)\n"
       "  NS_GET_OWNER_UID  uid N: the user namespace's owner\n"
       "  NS_GET_ID         idN: the namespace's 64-bit id, normalized\n"
       "With `as FD2`, the fd NS_GET_USERNS or NS_GET_PARENT returns stays open as FD2;\n"
       "without, it is closed at once. Errors: error ERRNO (ENOTTY for an fd that is not\n"
       "a namespace, EPERM, EINVAL, EBADF).",
       "init ioctl n0 NS_GET_NSTYPE => 0x40000000"},
      {"setuid", "setuid UID", "setresuid(UID, UID, UID)",
       "UID: a number. A non-zero uid loses every capability, as the kernel's\n"
       "capability rules for setresuid drop them.\n"
       "Result: ok, or error ERRNO (EPERM without CAP_SETUID; EINVAL for a uid the\n"
       "user namespace does not map).",
       "t setuid 1000 => ok"},
      {"mkdir", "mkdir PATH", "make a directory",
       "PATH: an absolute path; scenarios make files only under /run. Mode 0755.\n"
       "Result: ok, or error ERRNO (EEXIST, ENOENT, EACCES, ...).",
       "init mkdir /run/d => ok"},
      {"touch", "touch PATH", "make an empty file (or open an existing one)",
       "PATH: an absolute path; scenarios make files only under /run.\n"
       "Opens with O_WRONLY|O_CREAT (mode 0644) and closes. Result: ok, or error ERRNO.",
       "init touch /run/f => ok"},
      {"rm", "rm PATH", "unlink a file",
       "PATH: an absolute path. An fd open on the file stays valid; its link in\n"
       "/proc/self/fd then reads \"PATH (deleted)\".\n"
       "Result: ok, or error ERRNO (ENOENT, EISDIR, EBUSY for a mount point, ...).",
       "init rm /run/f => ok"},
      {"mount", "mount --bind SRC DST", "bind mount SRC on DST",
       "SRC, DST: absolute paths; DST must exist (a file for a namespace file, as\n"
       "ip netns add makes one). A bind mount of /proc/PID/ns/net keeps the namespace\n"
       "alive, as /run/netns/NAME does.\n"
       "Result: ok, or error ERRNO (ENOENT, EPERM, EINVAL, ...).",
       "init mount --bind /proc/self/ns/net /run/netns/red => ok"},
      {"umount", "umount PATH", "lazy unmount (MNT_DETACH)",
       "PATH: an absolute path, a mount point.\n"
       "Result: ok, or error ERRNO (EINVAL when PATH is not a mount point, EPERM).",
       "init umount /run/netns/red => ok"},
      {"cat", "cat PATH", "a file's lines",
       "PATH: an absolute path (@TASK and %FD as for open).\n"
       "Result: the file's lines (namespace links in them normalized as by readlink),\n"
       "nothing for an empty file, or error ERRNO.",
       "init cat /run/f => hello"},
      {"ls", "ls PATH", "a directory's names, sorted",
       "PATH: an absolute path (@TASK and %FD as for open).\n"
       "Result: the names, sorted, one per line, without . and ..; in /proc and\n"
       "/proc/PID/task the pids of tasks show as their names. Or error ERRNO\n"
       "(ENOTDIR, ENOENT, ...).",
       "init ls /run => netns"},
      {"write", "write PATH TEXT", "write TEXT and a newline to a file",
       "PATH: an absolute path, opened O_WRONLY (not created). TEXT: one word, or a\n"
       "quoted one with blanks (\"0 0 1\"). One write call of TEXT and a newline.\n"
       "Result: ok, or error ERRNO (EINVAL, EPERM, EACCES, ... as the file answers).",
       "init write /run/f hello => ok"},
      {"nl", "nl REQUEST [ARG...]", "RTM_NEWNSID / RTM_GETNSID: newnsid, getnsid, dumpnsid",
       "Each nl opens a NETLINK_ROUTE socket in the task's current netns (with\n"
       "NETLINK_EXT_ACK), sends one request and reads the whole reply.\n"
       "  nl newnsid [fd=FD] [pid=TASK] [nsid=N]              RTM_NEWNSID, NLM_F_ACK\n"
       "  nl getnsid [fd=FD] [pid=TASK] [nsid=N] [target=N]   RTM_GETNSID\n"
       "  nl dumpnsid [target=N] [strict]                     RTM_GETNSID, NLM_F_DUMP\n"
       "fd=FD names a namespace by an fd of the task, pid=TASK by a task; nsid=N is the\n"
       "id asked for (NETNSA_NSID), target=N the netns the answer is about. The request\n"
       "carries exactly the attributes given, so requests the kernel rejects can be\n"
       "written too. strict sets NETLINK_GET_STRICT_CHK.\n"
       "Result: ok (newnsid); nsid N, or nsid N current-nsid M with target (getnsid);\n"
       "a line per entry in ascending nsid (dumpnsid); or error ERRNO \"extack\".",
       "init nl newnsid fd=n0 nsid=5 => ok"},
      {"monitor", "monitor nsid", "listen to the nsid notifications (RTNLGRP_NSID)",
       "Subscribes a netlink socket of the task, in its current netns, to the nsid\n"
       "notifications (RTM_NEWNSID, RTM_DELNSID); `events` reads them. A second\n"
       "monitor keeps the first socket.\n"
       "Result: ok, or error ERRNO.",
       "init monitor nsid => ok"},
      {"events", "events [N]", "notifications since the last events (waits 2 s for N)",
       "N: how many to wait for (0 when absent: take what is there). Reads what the\n"
       "task's monitor socket received since the last events, waiting up to 2 s for at\n"
       "least N. In the shell, Ctrl-C ends the wait early.\n"
       "Result: a line per notification, NEWNSID nsid N or DELNSID nsid N (error ENOBUFS\n"
       "when the socket overflowed); nothing without a monitor.",
       "init events 1 => NEWNSID nsid 5"},
      {"settle", "settle", "wait for pending namespace cleanup",
       "No arguments. Waits until every namespace that lost its last reference has\n"
       "been cleaned up (its exit methods ran, its nsids are gone from its peers).\n"
       "Result: ok.",
       "init settle => ok"},
      {"ip", "ip ARGS...", "iproute2 6.1's ip (netns ...), run in the task",
       "  ip [-n NAME] [-j] netns add NAME | attach NAME TASK | delete NAME | list\n"
       "                        | list-id [target-nsid N] [nsid N] | set NAME N|auto\n"
       "                        | identify [TASK] | pids NAME\n"
       "Where ip takes a pid, name a task. Named namespaces live in /run/netns, made by\n"
       "bind mounts as iproute2 makes them.\n"
       "Result: ip's standard output lines; its standard error lines as stderr: TEXT;\n"
       "exit N when its status is not 0.",
       "init ip netns add red =>"},
  };
  return docs;
}

const command_doc* find_command_doc(std::string_view verb) {
  for (const command_doc& d : command_docs())
    if (d.verb == verb) return &d;
  return nullptr;
}

const std::vector<std::pair<std::string, std::string>>& command_help() {
  static const std::vector<std::pair<std::string, std::string>> h = [] {
    std::vector<std::pair<std::string, std::string>> v;
    for (const command_doc& d : command_docs()) v.emplace_back(d.synopsis, d.summary);
    return v;
  }();
  return h;
}

}  // namespace netns::tools
