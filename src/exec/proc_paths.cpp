// SPDX-License-Identifier: GPL-2.0-only
#include "proc_paths.hpp"

#include <charconv>
#include <vector>

namespace netns::exec_detail {

bool is_model_ns_name(std::string_view name) { return name == "net" || name == "user"; }

namespace {

// The components of an absolute path; "." dropped, empty ones (repeated
// slashes) skipped. nullopt for a relative path or one with "..": those
// the host resolves (a ".." under /proc may climb out of the model's part).
std::optional<std::vector<std::string_view>> components(std::string_view path) {
  if (path.empty() || path.front() != '/') return std::nullopt;
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < path.size()) {
    while (i < path.size() && path[i] == '/') ++i;
    std::size_t j = i;
    while (j < path.size() && path[j] != '/') ++j;
    std::string_view c = path.substr(i, j - i);
    if (c == "..") return std::nullopt;
    if (!c.empty() && c != ".") out.push_back(c);
    i = j;
  }
  return out;
}

std::optional<int> number(std::string_view s) {
  int v = 0;
  if (s.empty() || (s.front() == '0' && s.size() > 1)) return std::nullopt;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || p != s.data() + s.size() || v < 0) return std::nullopt;
  return v;
}

}  // namespace

std::optional<model_path> classify_path(std::string_view path,
                                        const std::function<int(int)>& model_pid_of) {
  auto parts = components(path);
  if (!parts) return std::nullopt;
  // /run/netns, where ip keeps its names: the model's mounts and files.
  std::size_t run = parts->size() >= 2 && (*parts)[0] == "run" && (*parts)[1] == "netns" ? 2
                    : parts->size() >= 3 && (*parts)[0] == "var" && (*parts)[1] == "run" &&
                            (*parts)[2] == "netns"
                        ? 3
                        : 0;
  if (run) {
    std::string p = "/run/netns";
    for (std::size_t i = run; i < parts->size(); ++i) p += "/" + std::string((*parts)[i]);
    return model_path{model_path::kind::path, std::move(p)};
  }
  if (parts->size() < 2 || (*parts)[0] != "proc") return std::nullopt;
  // A tree of the model's procfs from parts[from] on, under `base`.
  auto tree = [&](std::string base, std::size_t from) {
    for (std::size_t i = from; i < parts->size(); ++i) base += "/" + std::string((*parts)[i]);
    model_path p{model_path::kind::path, std::move(base)};
    p.generated = true;
    return p;
  };
  // /proc/net (the link to self/net, and through it) and the sysctls that
  // belong to a network or user namespace.
  if ((*parts)[1] == "net") return tree("/proc/net", 2);
  if ((*parts)[1] == "sys" && parts->size() >= 3 && ((*parts)[2] == "net" || (*parts)[2] == "user"))
    return tree("/proc/sys/" + std::string((*parts)[2]), 3);
  if (parts->size() >= 3 && (*parts)[2] == "net") {
    std::string model_who = "self";
    if ((*parts)[1] != "self") {
      auto pid = number((*parts)[1]);
      const int mp = pid && *pid != 0 ? model_pid_of(*pid) : 0;
      if (mp == 0) return std::nullopt;
      model_who = std::to_string(mp);
    }
    return tree("/proc/" + model_who + "/net", 3);
  }
  if (parts->size() != 4) return std::nullopt;
  const std::string_view who = (*parts)[1], dir = (*parts)[2], name = (*parts)[3];
  int host_pid = 0;  // the caller
  if (who != "self") {
    auto pid = number(who);
    if (!pid || *pid == 0) return std::nullopt;
    host_pid = *pid;
  }
  if (dir == "ns") {
    if (!is_model_ns_name(name)) return std::nullopt;
    std::string model_who = "self";
    if (host_pid != 0) {
      const int mp = model_pid_of(host_pid);
      if (mp == 0) return std::nullopt;
      model_who = std::to_string(mp);
    }
    return model_path{model_path::kind::path, "/proc/" + model_who + "/ns/" + std::string(name)};
  }
  if (dir == "fd") {
    auto fd = number(name);
    if (!fd) return std::nullopt;
    return model_path{model_path::kind::fd_link, {}, host_pid, *fd};
  }
  return std::nullopt;
}

}  // namespace netns::exec_detail
