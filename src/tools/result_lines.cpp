// SPDX-License-Identifier: GPL-2.0-only
#include "result_lines.hpp"

#include <algorithm>

namespace netns::tools {

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

std::string pids_to_names(const std::string& path,
                          const std::function<std::string(const std::string&)>& pid_name) {
  std::string out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t slash = path.find('/', start);
    const std::string part = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    const bool digits = !part.empty() && std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
    out += digits ? pid_name(part) : part;
    if (slash == std::string::npos) return out;
    out += '/';
    start = slash + 1;
  }
}

std::vector<std::string> ls_lines(std::vector<std::string> names,
                                  const std::function<std::string(const std::string&)>& pid_name) {
  std::vector<std::string> out;
  for (auto& n : names)
    if (n != "." && n != "..") out.push_back(pids_to_names(n, pid_name));
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

}  // namespace netns::tools
