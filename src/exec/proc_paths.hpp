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
  enum class kind { ns_file, fd_link } what;
  // For ns_file: the model path ("/proc/self/ns/net" or "/proc/7/ns/net").
  std::string path;
  // For fd_link: the host pid the link belongs to (0: the caller) and the fd.
  int host_pid = 0;
  int fd = -1;
};

// The namespace types the model serves; the others pass through to the
// program's own namespaces on the host.
bool is_model_ns_name(std::string_view name);

// Classifies an absolute path. `model_pid_of` maps a host pid to the pid of
// its model task, or 0 for a process the model does not know (a host
// process: its files are the host's). Relative paths, "..", and anything
// not below /proc/{self,PID}/{ns/NAME,fd/N} are not the model's (nullopt).
std::optional<model_path> classify_path(std::string_view path,
                                        const std::function<int(int)>& model_pid_of);

}  // namespace netns::exec_detail
