// SPDX-License-Identifier: GPL-2.0-only
// What runs a scenario's commands: the model (this library, in process)
// or the running kernel (the linux backend). A backend turns one command
// into its normalized result lines (docs/scenarios.md's "result" column):
// it resolves the names of the command's operation (operations.hpp) for
// the line's task and performs it, one handler per operation.
//
// Example:
//   std::unique_ptr<backend> b = make_model_backend();
//   parse_result s = parse_scenario("init unshare net\n", "inline.nss");
//   if (!s) return errc{EINVAL};
//   outcome o = b->run(s->commands[0]);   // o.lines: {"ok"} / {"error EPERM"} / lines
//
// No locking: one backend per run, used by one thread. The one exception
// is the interrupt flag (watch_interrupt): a signal handler sets it, the
// backend's waits read it.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "netns/core/kernel.hpp"
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
  // Set when the interrupt flag ended the command's wait early (Ctrl-C in
  // `netns shell`): `lines` holds what came before, maybe nothing.
  bool interrupted = false;
};

class backend {
 public:
  virtual ~backend() = default;
  virtual outcome run(const command& c) = 0;

  // The names of `task`'s open fds, sorted (the shell completes them); a
  // closed name (bound to closed_fd) is not one. Nothing for a task that
  // does not exist.
  virtual std::vector<std::string> fd_names(const std::string& task) const {
    (void)task;
    return {};
  }

  // From now on, a command that waits (`events`, `settle`, a program, a
  // reply of the linux backend's processes) stops waiting soon after *flag
  // becomes true, with outcome::interrupted set; the world stays usable.
  // The caller clears the flag before each command. A lock-free atomic, so
  // that a SIGINT handler may set it. nullptr: nothing interrupts.
  void watch_interrupt(const std::atomic<bool>* flag) { interrupt_ = flag; }

 protected:
  bool interrupted() const { return interrupt_ && interrupt_->load(std::memory_order_relaxed); }

 private:
  const std::atomic<bool>* interrupt_ = nullptr;
};

// Names instead of numbers (SCENARIOS.md "Transcript and normalization"):
// namespace inode numbers become ns1, ns2, ... and NS_GET_ID values id1,
// id2, ... in order of first appearance.
class normalizer {
 public:
  std::string ns(std::uint64_t inum) { return name(ns_, inum, "ns"); }
  std::string id(std::uint64_t v) { return name(ids_, v, "id"); }
  // Mount ids ("m1") and peer group ids ("g1") of mountinfo.
  std::string mount(std::uint64_t v) { return name(mounts_, v, "m"); }
  std::string group(std::uint64_t v) { return name(groups_, v, "g"); }
  // "net:[4026531840]" -> "net:[ns1]" wherever TYPE:[digits] appears.
  std::string links(const std::string& text);
  // A program's words: its links as above, and a namespace inode number
  // standing alone (lsns's NS column, its JSON "ns": values, stat -L -c %i)
  // as "ns1": ten digits, from the initial namespaces' 4026531832
  // (PROC_DYNAMIC_FIRST - 8) up, between characters that are not letters
  // or digits.
  std::string program_words(const std::string& text);

 private:
  static std::string name(std::map<std::uint64_t, int>& m, std::uint64_t v, const char* prefix) {
    auto [it, fresh] = m.emplace(v, static_cast<int>(m.size()) + 1);
    return prefix + std::to_string(it->second);
  }
  std::map<std::uint64_t, int> ns_, ids_, mounts_, groups_;
};

std::unique_ptr<backend> make_model_backend();

// The model's configuration with this machine's own limits in the initial
// user namespace (/proc/sys/user/max_{net,user}_namespaces), so that the
// model agrees with the host where a program or scenario reads them.
kernel_config host_limits();

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
