// SPDX-License-Identifier: GPL-2.0-only
// Which paths a supervised program names are the model's, and what they
// are called in the model. Pure string work: the caller knows the pids.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace netns::exec_detail {

// What a path under /proc/<who>/ names, when it is one the model serves.
struct model_path {
  enum class kind { path, fd_link } what;
  // For path: what the model resolves ("/proc/self/ns/net",
  // "/proc/7/ns/net", "/run/netns/red", "/proc/self/net/dev").
  std::string path;
  // For fd_link: the host pid the link belongs to (0: the caller) and the fd.
  int host_pid = 0;
  int fd = -1;
  // For path: a procfs file made when read (under /proc/net,
  // /proc/PID/net, /proc/sys/net, /proc/sys/user), or a regular file of the
  // model's /run: an open of it carries its content, and writes to it are
  // the model's.
  bool generated = false;
  // Named as a thread's (/proc/WHO/task/TID/...): TID, which must be a
  // thread of WHO (thread_group, a host pid; 0: the caller's process) for
  // the path to be the model's. The caller checks. 0: no thread named.
  int thread = 0;
  int thread_group = 0;
  // Named through /proc/thread-self (path says /proc/self: the caller's).
  bool thread_self = false;
};

// The namespace types the model serves; the others pass through to the
// program's own namespaces on the host.
bool is_model_ns_name(std::string_view name);

// Classifies an absolute path. A thread's files are its process's, whose
// model task its threads share: /proc/thread-self/X is /proc/self/X, and
// /proc/WHO/task/TID/X is /proc/WHO/X (with `thread` set). `model_pid_of` maps a host pid to the pid of
// its model task, or 0 for a process the model does not know (a host
// process: its files are the host's). The model's: /proc/{self,PID}/ns/NAME
// for its types, /proc/{self,PID}/fd/N (when N turns out to be a model
// file), /proc/net, /proc/{self,PID}/net, /proc/sys/net and
// /proc/sys/user with everything below them, and /run with everything
// below it (/var/run too, as /var/run is /run). Relative paths, "..", and
// the rest are not (nullopt).
// `model_task` says whether /proc/N is the model's whole: N names a task
// of the model by its model pid, one that is not a program's process (a
// scenario's task, the world's pid 1, a program's process by the pid the
// model's /proc lists for it), or no process of the world at all (ENOENT
// there). The directory is then the model's too, so that what ps and lsns
// read of it (stat, cmdline, ns/) is the model's.
std::optional<model_path> classify_path(std::string_view path,
                                        const std::function<int(int)>& model_pid_of,
                                        const std::function<bool(int)>& model_task = {});

}  // namespace netns::exec_detail
