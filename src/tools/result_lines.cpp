// SPDX-License-Identifier: GPL-2.0-only
#include "result_lines.hpp"

#include <sstream>

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace netns::tools {

std::string normalizer::links(const std::string& text) {
  // TYPE:[digits] -> TYPE:[nsN]
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t open = text.find(":[", i);
    if (open == std::string::npos) break;
    std::size_t j = open + 2;
    while (j < text.size() && text[j] >= '0' && text[j] <= '9') ++j;
    if (j > open + 2 && j < text.size() && text[j] == ']') {
      out += text.substr(i, open + 2 - i) + ns(std::stoull(text.substr(open + 2, j - open - 2))) + "]";
      i = j + 1;
    } else {
      out += text.substr(i, open + 2 - i);
      i = open + 2;
    }
  }
  return out + text.substr(i);
}

std::string normalizer::program_words(const std::string& text) {
  const std::string linked = links(text);
  constexpr std::uint64_t first_ns_inum = 4026531832ULL, last_inum = 0xFFFFFFFFULL;
  auto alnum = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  std::string out;
  std::size_t i = 0;
  while (i < linked.size()) {
    if (!std::isdigit(static_cast<unsigned char>(linked[i])) || (i > 0 && alnum(linked[i - 1]))) {
      out += linked[i++];
      continue;
    }
    std::size_t j = i;
    while (j < linked.size() && std::isdigit(static_cast<unsigned char>(linked[j]))) ++j;
    const std::string digits = linked.substr(i, j - i);
    const bool alone = j == linked.size() || !alnum(linked[j]);
    const std::uint64_t v = digits.size() == 10 ? std::stoull(digits) : 0;
    out += alone && v >= first_ns_inum && v <= last_inum ? ns(v) : digits;
    i = j;
  }
  return out;
}

std::optional<std::string> substitute_path(const std::string& p, const path_lookup& pid_of,
                                           const path_lookup& fd_of, std::string& why) {
  auto name_char = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; };
  std::string out;
  for (std::size_t i = 0; i < p.size();) {
    if ((p[i] == '@' || p[i] == '%') && i + 1 < p.size() && p[i + 1] >= 'a' && p[i + 1] <= 'z') {
      std::size_t j = i + 1;
      while (j < p.size() && name_char(p[j])) ++j;
      const std::string name = p.substr(i + 1, j - i - 1);
      const bool task = p[i] == '@';
      auto v = task ? pid_of(name) : fd_of(name);
      if (!v) {
        why = std::string(task ? "unknown task" : "unknown fd") + " \"" + name + "\" in path";
        return std::nullopt;
      }
      out += *v;
      i = j;
    } else {
      out += p[i++];
    }
  }
  return out;
}

std::vector<std::string> split_lines(const std::string& all) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < all.size()) {
    std::size_t nl = all.find('\n', pos);
    if (nl == std::string::npos) nl = all.size();
    out.push_back(all.substr(pos, nl - pos));
    pos = nl + 1;
  }
  return out;
}

namespace {

bool all_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::string pids_to_names(const std::string& path,
                          const std::function<std::string(const std::string&)>& pid_name) {
  // Pid places: the component after a leading "/proc/", the first one of a
  // relative target ("7", "7/task/7": what /proc/self and /proc/thread-self
  // read, relative to /proc), and the one after "task/" that follows a pid.
  // Other numbers (fd numbers in /proc/7/fd/3) stay. d_path's " (deleted)"
  // is kept after the path.
  constexpr std::string_view deleted = " (deleted)";
  if (path.ends_with(deleted))
    return pids_to_names(path.substr(0, path.size() - deleted.size()), pid_name) +
           std::string(deleted);
  std::vector<std::string> parts;
  for (std::size_t start = 0;;) {
    const std::size_t slash = path.find('/', start);
    parts.push_back(path.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  std::vector<bool> pid_place(parts.size(), false);
  if (!path.empty() && path.front() == '/') {
    if (parts.size() > 2 && parts[1] == "proc") pid_place[2] = true;
  } else {
    pid_place[0] = true;
  }
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const bool is_pid = pid_place[i] && all_digits(parts[i]);
    if (is_pid && i + 2 < parts.size() && parts[i + 1] == "task") pid_place[i + 2] = true;
    if (i > 0) out += '/';
    out += is_pid ? pid_name(parts[i]) : parts[i];
  }
  return out;
}

bool lists_pids(const std::string& dir) {
  std::string d = dir;
  while (d.size() > 1 && d.back() == '/') d.pop_back();
  if (d == "/proc") return true;
  // /proc/PID/task
  const std::string tail = "/task";
  return d.starts_with("/proc/") && d.size() > tail.size() && d.ends_with(tail);
}

std::vector<std::string> ls_lines(std::vector<std::string> names, bool pid_entries,
                                  const std::function<std::string(const std::string&)>& pid_name) {
  std::vector<std::string> out;
  for (auto& n : names)
    if (n != "." && n != "..") out.push_back(pid_entries && all_digits(n) ? pid_name(n) : n);
  std::sort(out.begin(), out.end());
  return out;
}

namespace {

std::ptrdiff_t netns_word(const std::vector<std::string>& args) {
  return std::find(args.begin(), args.end(), "netns") - args.begin();
}

std::string word(const std::vector<std::string>& args, std::ptrdiff_t i) {
  return i >= 0 && i < static_cast<std::ptrdiff_t>(args.size()) ? args[static_cast<std::size_t>(i)] : "";
}

}  // namespace

std::vector<std::string> ip_args_with_pids(
    std::vector<std::string> args,
    const std::function<std::optional<std::string>(const std::string&)>& pid_of) {
  const auto at = netns_word(args);
  auto pid_arg = [&](std::ptrdiff_t i) {
    if (i >= static_cast<std::ptrdiff_t>(args.size())) return;
    if (auto pid = pid_of(args[static_cast<std::size_t>(i)])) args[static_cast<std::size_t>(i)] = *pid;
  };
  const std::string sub = word(args, at + 1);
  if (sub == "attach") pid_arg(at + 3);
  if (sub == "identify") pid_arg(at + 2);
  return args;
}

std::vector<std::string> ip_result_lines(
    const std::vector<std::string>& args, const std::vector<std::string>& out,
    const std::vector<std::string>& err, int status, const std::string& ip_pid,
    const std::function<std::string(const std::string&)>& pid_name) {
  std::vector<std::string> lines;
  const bool pids = word(args, netns_word(args) + 1) == "pids";
  for (const auto& l : out) lines.push_back(pids ? (l == ip_pid ? "ip" : pid_name(l)) : l);
  for (const auto& l : err) lines.push_back("stderr: " + l);
  if (status) lines.push_back("exit " + std::to_string(status));
  return lines;
}

std::string result_normalizer::link(const std::string& target) {
  return pids_to_names(norm_.links(target), [this](const std::string& p) { return pid_name(p); });
}

namespace {
// A mount point at or below `path`.
bool at_or_below(const std::string& at, std::string dir) {
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  return dir == "/" || at == dir || (at.starts_with(dir) && at[dir.size()] == '/');
}
}  // namespace

std::vector<std::string> result_normalizer::mtab(const std::string& mounts,
                                                 const std::string& path) {
  std::vector<std::string> out;
  for (const std::string& line : split_lines(mounts)) {
    // SOURCE MOUNTPOINT FSTYPE OPTS 0 0
    std::istringstream in(line);
    std::string source, at;
    if (!(in >> source >> at) || !at_or_below(at, path)) continue;
    out.push_back(norm_.links(line));
  }
  return out;
}

std::vector<std::string> result_normalizer::mounts(const std::string& mountinfo,
                                                   const std::string& path) {
  return mountinfo_lines(mountinfo, path, false);
}

std::vector<std::string> result_normalizer::mountinfo(const std::string& mountinfo,
                                                      const std::string& path) {
  return mountinfo_lines(mountinfo, path, true);
}

std::vector<std::string> result_normalizer::mountinfo_lines(const std::string& mountinfo,
                                                            const std::string& path,
                                                            bool options) {
  std::vector<std::string> out;
  for (const std::string& line : split_lines(mountinfo)) {
    // ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTS [optional...] - FSTYPE SOURCE SUPEROPTS
    std::istringstream in(line);
    std::vector<std::string> w;
    for (std::string word; in >> word;) w.push_back(word);
    if (w.size() < 7) continue;
    const std::string& at = w[4];
    if (!at_or_below(at, path)) continue;
    // Named left to right: the mount before its parent.
    std::string l = norm_.mount(std::stoull(w[0]));
    l += " " + norm_.mount(std::stoull(w[1]));
    l += " " + norm_.links(w[3]);
    l += " " + at;
    if (options) l += " " + w[5];
    std::size_t i = 6;
    for (; i < w.size() && w[i] != "-"; ++i) {
      const std::string& tag = w[i];
      const auto colon = tag.find(':');
      if (colon == std::string::npos)
        l += " " + tag;  // unbindable
      else
        l += " " + tag.substr(0, colon + 1) + norm_.group(std::stoull(tag.substr(colon + 1)));
    }
    if (options) {
      for (; i < w.size(); ++i) l += " " + w[i];  // - FSTYPE SOURCE SUPEROPTS
    } else if (i + 1 < w.size()) {
      l += " " + w[i + 1];
    }
    out.push_back(std::move(l));
  }
  return out;
}

std::vector<std::string> result_normalizer::content(const std::string& all) {
  std::vector<std::string> out;
  for (auto& l : split_lines(all)) out.push_back(norm_.links(l));
  return out;
}

std::vector<std::string> result_normalizer::listing(std::vector<std::string> names,
                                                    const std::string& dir) const {
  return ls_lines(std::move(names), lists_pids(dir), [this](const std::string& n) { return pid_name(n); });
}

std::vector<std::string> result_normalizer::ip(const std::vector<std::string>& args,
                                               const std::vector<std::string>& out,
                                               const std::vector<std::string>& err, int status,
                                               const std::string& ip_pid) {
  std::vector<std::string> lines =
      ip_result_lines(args, out, err, status, ip_pid, [this](const std::string& p) { return pid_name(p); });
  for (std::string& l : lines) l = norm_.links(l);
  return lines;
}

std::vector<std::string> result_normalizer::program(const std::vector<std::string>& out,
                                                    const std::vector<std::string>& err, int status) {
  std::vector<std::string> lines;
  for (const auto& l : out) lines.push_back(norm_.program_words(l));
  for (const auto& l : err) lines.push_back("stderr: " + norm_.program_words(l));
  if (status) lines.push_back("exit " + std::to_string(status));
  return lines;
}

std::string hex_line(unsigned long v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "0x%lx", v);
  return buf;
}

std::string statfs_line(const statfs_fields& f) {
  std::string type;
  switch (f.type) {
    case 0x01021994: type = "tmpfs"; break;
    case 0x9fa0: type = "proc"; break;
    case 0x6e736673: type = "nsfs"; break;
    default: type = hex_line(static_cast<unsigned long>(f.type));
  }
  std::string flags;
  static constexpr std::pair<long, const char*> names[] = {
      {0x0020, "valid"},    {0x0001, "rdonly"},   {0x0002, "nosuid"},     {0x0004, "nodev"},
      {0x0008, "noexec"},   {0x0010, "synchronous"}, {0x0040, "mandlock"}, {0x0400, "noatime"},
      {0x0800, "nodiratime"}, {0x1000, "relatime"}, {0x2000, "nosymfollow"}};
  long rest = f.flags;
  for (auto [bit, name] : names)
    if (f.flags & bit) {
      flags += (flags.empty() ? "" : ",") + std::string(name);
      rest &= ~bit;
    }
  if (rest) flags += (flags.empty() ? "" : ",") + hex_line(static_cast<unsigned long>(rest));
  return type + " bsize=" + std::to_string(f.bsize) + " blocks=" + std::to_string(f.blocks) +
         " bfree=" + std::to_string(f.bfree) + " bavail=" + std::to_string(f.bavail) +
         " files=" + std::to_string(f.files) + " ffree=" + std::to_string(f.ffree) +
         " namelen=" + std::to_string(f.namelen) + " frsize=" + std::to_string(f.frsize) +
         " flags=" + (flags.empty() ? "-" : flags);
}

}  // namespace netns::tools
