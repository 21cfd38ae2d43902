// SPDX-License-Identifier: GPL-2.0-only
// The names a scenario gives and what they stand for, kept the same way by
// both backends: each live task's pid and fd names, every pid's task name
// (kept after the task exits); and the resolution of an operation's names
// for the task that runs it.
//
//   task_table<model_process> tasks;
//   tasks.add("init", "2", {}, model_process{init});
//   operation op = c.op;                                  // a copy: the line stays as written
//   if (auto why = resolve(op, "init", tasks)) return malformed(*why);
//   // open_op: path.resolved has @t as t's pid, %fd as the fd's number
//
// Resolution, in the order the messages come: a name for a new fd must not
// name an open one (`fd "a" is already open (close it first)`); then each
// member in order: @TASK and %FD in a path (`unknown task "x" in path`,
// `unknown fd "x" in path`; a closed fd's %FD is closed_fd), an fd name
// (`unknown fd "x"`; a closed one resolves to closed_fd, which the kernel
// answers with EBADF), a task (`unknown task "x"`), and ip's TASK arguments
// (a word that names no task stays as written, for ip to refuse).
// No locking: one backend's, on its thread.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "netns/tools/operations.hpp"
#include "result_lines.hpp"

namespace netns::tools {

struct task_names {
  std::string pid;                 // in the world's pid namespace
  std::map<std::string, int> fds;  // fd name -> number (closed_fd after `close`)
};

// What resolution reads.
class name_lookup {
 public:
  virtual const task_names* find_names(const std::string& task) const = 0;
  // The pid of `task`, live or exited (its last pid: @TASK and pid=TASK
  // name a task that has exited too); nullopt for a name never a task's.
  virtual std::optional<std::string> last_pid(const std::string& task) const = 0;

 protected:
  ~name_lookup() = default;
};

// Resolves `op`'s names as `task` uses them. The message of a malformed
// line when one is not known, or nullopt when all are resolved.
std::optional<std::string> resolve(operation& op, const std::string& task, const name_lookup& names);

// The live tasks by name, each with its names and what the backend keeps
// for it (Process: a model task, a linux process's sockets).
template <class Process>
class task_table final : public name_lookup {
 public:
  struct entry : task_names {
    Process proc;
  };

  entry* find(const std::string& task) {
    auto it = tasks_.find(task);
    return it == tasks_.end() ? nullptr : &it->second;
  }
  const task_names* find_names(const std::string& task) const override {
    auto it = tasks_.find(task);
    return it == tasks_.end() ? nullptr : &it->second;
  }
  std::optional<std::string> last_pid(const std::string& task) const override {
    if (const task_names* t = find_names(task)) return t->pid;
    auto it = exited_.find(task);
    if (it == exited_.end()) return std::nullopt;
    return it->second;
  }

  // A new task: init, or a spawned child with its parent's fd table (the
  // same numbers under the same names).
  entry& add(const std::string& name, const std::string& pid, std::map<std::string, int> fds,
             Process proc) {
    pids_.add(pid, name);
    exited_.erase(name);  // a new task of the name: the name is its own
    entry& e = tasks_[name];
    e.pid = pid;
    e.fds = std::move(fds);
    e.proc = std::move(proc);
    return e;
  }
  // A task that exited: its name keeps its last pid.
  void erase(const std::string& name) {
    if (auto it = tasks_.find(name); it != tasks_.end()) {
      exited_[name] = it->second.pid;
      tasks_.erase(it);
    }
  }

  // The names of the task's open fds, sorted; a closed name is not one.
  std::vector<std::string> open_fds(const std::string& task) const {
    std::vector<std::string> out;
    if (const task_names* t = find_names(task))
      for (const auto& [name, fd] : t->fds)
        if (fd != closed_fd) out.push_back(name);
    return out;
  }

  const pid_names& pids() const { return pids_; }
  auto begin() { return tasks_.begin(); }
  auto end() { return tasks_.end(); }
  void clear() {
    tasks_.clear();
    exited_.clear();
  }

 private:
  std::map<std::string, entry> tasks_;
  std::map<std::string, std::string> exited_;  // an exited task's name -> its last pid
  pid_names pids_;
};

}  // namespace netns::tools
