// SPDX-License-Identifier: GPL-2.0-only
// What runs a scenario's commands: the model (this library, in process)
// or the running kernel (the linux backend). A backend turns one command
// into its normalized result lines (SCENARIOS.md's "result" column).
//
//   auto b = make_model_backend();
//   outcome o = b->run(cmd);     // {"ok"} / {"error EPERM"} / lines
//
// No locking: one backend per run, used by one thread.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "netns/tools/scenario.hpp"

namespace netns::tools {

struct outcome {
  std::vector<std::string> lines;
  // Set when the command cannot run as written (an fd name that is not
  // open, a task named in a path that does not exist): FILE:LINE, exit 2.
  std::optional<std::string> malformed;
  // Set when the run cannot go on (a stuck task was killed: "timeout"):
  // FILE:LINE: message, exit 1.
  std::optional<std::string> failed;
};

class backend {
 public:
  virtual ~backend() = default;
  virtual outcome run(const command& c) = 0;
};

// Names instead of numbers (SCENARIOS.md "Transcript and normalization"):
// namespace inode numbers become ns1, ns2, ... and NS_GET_ID values id1,
// id2, ... in order of first appearance.
class normalizer {
 public:
  std::string ns(std::uint64_t inum) { return name(ns_, inum, "ns"); }
  std::string id(std::uint64_t v) { return name(ids_, v, "id"); }
  // "net:[4026531840]" -> "net:[ns1]" wherever TYPE:[digits] appears.
  std::string links(const std::string& text);

 private:
  static std::string name(std::map<std::uint64_t, int>& m, std::uint64_t v, const char* prefix) {
    auto [it, fresh] = m.emplace(v, static_cast<int>(m.size()) + 1);
    return prefix + std::to_string(it->second);
  }
  std::map<std::uint64_t, int> ns_, ids_;
};

std::unique_ptr<backend> make_model_backend();

// The real kernel (root only): every run in an isolated world of its own,
// each task a process. See src/tools/linux_world.hpp.
struct linux_options {
  int timeout_ms = 10000;  // the bound on every operation but `settle`
};
// Why this process cannot use the linux backend (one line), or nullopt.
std::optional<std::string> linux_backend_unavailable();
// A started world, or nullptr with `why` set (one line).
std::unique_ptr<backend> make_linux_backend(const linux_options& o, std::string& why);

}  // namespace netns::tools
