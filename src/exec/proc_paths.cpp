// SPDX-License-Identifier: GPL-2.0-only
#include "proc_paths.hpp"

#include <charconv>
#include <vector>

namespace netns::exec_detail {

// The types the model serves to programs: net and user, uts (whose names
// a program reads with uname, which is served too), mnt (the model's
// part of the tree: /run), ipc, cgroup, time, and pid (whose real
// namespaces below the sandbox's mirror the model's: served_calls_pid.cpp).
bool is_model_ns_name(std::string_view name) {
  return name == "net" || name == "user" || name == "uts" || name == "mnt" || name == "ipc" ||
         name == "cgroup" || name == "time" || name == "time_for_children" || name == "pid" ||
         name == "pid_for_children";
}

namespace {
// The ipc namespace's sysctls in /proc/sys/kernel (the rest of that
// directory is the host's).
bool is_ipc_sysctl(std::string_view name) {
  for (std::string_view n : {"shmmax", "shmall", "shmmni", "shm_rmid_forced", "msgmax", "msgmnb", "msgmni",
                             "sem", "msg_next_id", "sem_next_id", "shm_next_id"})
    if (name == n) return true;
  return false;
}
}  // namespace

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
                                        const std::function<int(int)>& model_pid_of,
                                        const std::function<bool(int)>& model_task) {
  auto parts = components(path);
  if (!parts) return std::nullopt;
  // /run, the model's own tmpfs (the world's /run, as the linux backend's
  // is its mount namespace's): /run/netns, where ip keeps its names, and
  // any file a scenario put there (ip -b's batch file). Its regular files
  // carry their content as a procfs file does (`generated`).
  std::size_t run = !parts->empty() && (*parts)[0] == "run"                              ? 1
                    : parts->size() >= 2 && (*parts)[0] == "var" && (*parts)[1] == "run" ? 2
                                                                                          : 0;
  if (run) {
    std::string p = "/run";
    for (std::size_t i = run; i < parts->size(); ++i) p += "/" + std::string((*parts)[i]);
    model_path m{model_path::kind::path, std::move(p)};
    m.generated = true;
    return m;
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
  // The uts namespace's names and the ipc namespace's limits (the rest of
  // /proc/sys/kernel is the host's), and the mqueue limits.
  if ((*parts)[1] == "sys" && parts->size() == 4 && (*parts)[2] == "kernel" &&
      ((*parts)[3] == "hostname" || (*parts)[3] == "domainname" || is_ipc_sysctl((*parts)[3])))
    return tree("/proc/sys/kernel", 3);
  if ((*parts)[1] == "sys" && parts->size() >= 4 && (*parts)[2] == "fs" && (*parts)[3] == "mqueue")
    return tree("/proc/sys/fs/mqueue", 4);
  // The mount table of the caller's mount namespace, the model's (where
  // /run/netns's bind mounts are: lsns's NSFS column, findmnt).
  if (parts->size() == 2 && (*parts)[1] == "mounts") return tree("/proc/mounts", 2);
  if (parts->size() == 2 || (parts->size() >= 3 && (*parts)[1] != "self")) {
    auto pid = number((*parts)[1]);
    if (pid && *pid != 0 && model_task && model_task(*pid)) {
      model_path p = tree("/proc/" + std::string((*parts)[1]), 2);
      p.generated = parts->size() > 2;
      return p;
    }
  }
  if (parts->size() < 3) return std::nullopt;
  // A thread's: its process's (threads share their process's task).
  int thread = 0;
  const bool thread_self = (*parts)[1] == "thread-self";
  if (thread_self) {
    (*parts)[1] = "self";
  } else if (parts->size() >= 5 && (*parts)[2] == "task") {
    auto tid = number((*parts)[3]);
    if (!tid || *tid == 0) return std::nullopt;
    thread = *tid;
    parts->erase(parts->begin() + 2, parts->begin() + 4);
  }
  // /proc/WHO/...: the caller, or a process of the model's world by its
  // host pid, named by its model pid ("self" or the number).
  const std::string_view who = (*parts)[1], dir = (*parts)[2];
  int host_pid = 0;  // the caller
  std::string model_who = "self";
  if (who != "self") {
    auto pid = number(who);
    if (!pid || *pid == 0) return std::nullopt;
    host_pid = *pid;
  }
  // The fd links are looked at later (only a placeholder is the model's).
  auto named_thread = [&](model_path m) {
    m.thread = thread;
    m.thread_group = host_pid;
    m.thread_self = thread_self;
    return m;
  };
  if (dir == "fd" && parts->size() == 4) {
    auto fd = number((*parts)[3]);
    if (!fd) return std::nullopt;
    return named_thread(model_path{model_path::kind::fd_link, {}, host_pid, *fd});
  }
  const bool served = dir == "net" ||
                      (parts->size() == 3 && (dir == "uid_map" || dir == "gid_map" || dir == "setgroups" ||
                                              dir == "cgroup" || dir == "timens_offsets" || dir == "status" ||
                                              dir == "mountinfo" || dir == "mounts")) ||
                      (dir == "ns" && parts->size() == 4 && is_model_ns_name((*parts)[3]));
  if (!served) return std::nullopt;
  if (host_pid != 0) {
    const int mp = model_pid_of(host_pid);
    if (mp == 0) return std::nullopt;  // a host process's: the host's
    model_who = std::to_string(mp);
  }
  // Its net directory and id maps are made when read; its ns files are not.
  if (dir != "ns") return named_thread(tree("/proc/" + model_who, 2));
  return named_thread(model_path{model_path::kind::path, "/proc/" + model_who + "/ns/" + std::string((*parts)[3])});
}

}  // namespace netns::exec_detail
