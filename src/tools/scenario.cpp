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

const std::vector<std::pair<std::string, std::string>>& command_help() {
  static const std::vector<std::pair<std::string, std::string>> h = {
      {"spawn NAME", "fork: NAME inherits the task's namespaces, credentials and fds"},
      {"exit", "the task exits; its fds close"},
      {"unshare FLAGS", "FLAGS: net, user, user,net"},
      {"setns FD TYPE", "TYPE: net, user, 0"},
      {"open PATH as FD", "opens read-only; FD names the fd"},
      {"close FD", "closes the fd"},
      {"readlink PATH", "the link's text (net:[ns1])"},
      {"stat PATH", "ino nsN (namespace files), dir or file"},
      {"ioctl FD REQ [as FD2]", "NS_GET_NSTYPE, NS_GET_USERNS, NS_GET_PARENT, NS_GET_OWNER_UID, NS_GET_ID"},
      {"setuid UID", "setresuid(UID, UID, UID)"},
      {"mkdir PATH | touch PATH | rm PATH", "make a directory, a file; unlink"},
      {"mount --bind SRC DST", "bind mount"},
      {"umount PATH", "lazy unmount (MNT_DETACH)"},
      {"cat PATH", "the file's lines"},
      {"ls PATH", "names, sorted"},
      {"write PATH TEXT", "writes TEXT and a newline"},
      {"nl newnsid [fd=FD] [pid=TASK] [nsid=N]", "RTM_NEWNSID with NLM_F_ACK"},
      {"nl getnsid [fd=FD] [pid=TASK] [nsid=N] [target=N]", "RTM_GETNSID"},
      {"nl dumpnsid [target=N] [strict]", "RTM_GETNSID dump"},
      {"monitor nsid", "listen to RTNLGRP_NSID in the task's netns"},
      {"events [N]", "notifications since the last events (waits up to 2 s for N)"},
      {"settle", "wait for pending namespace cleanup"},
      {"ip ARGS...", "iproute2 6.1's ip netns subset"},
  };
  return h;
}

}  // namespace netns::tools
