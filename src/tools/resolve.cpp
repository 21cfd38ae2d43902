// SPDX-License-Identifier: GPL-2.0-only
// An operation's names resolved for the task that runs it, by the type of
// each member the operation lists (task_names.hpp).
#include <cctype>
#include <string>
#include <variant>

#include "task_names.hpp"

namespace netns::tools {

namespace {

class resolver {
 public:
  resolver(const name_lookup& names, const task_names& self) : names_(names), self_(self) {}

  // First: a new fd's name, so that reusing an open name is the message
  // whatever else the line gets wrong.
  void check_new(const new_fd_name& n) {
    auto it = self_.fds.find(n.name);
    if (it != self_.fds.end() && it->second != closed_fd)
      why = "fd \"" + n.name + "\" is already open (close it first)";
  }
  template <class T>
  void check_new(const std::optional<T>& m) {
    if (m) check_new(*m);
  }
  template <class T>
  void check_new(const T&) {}

  void operator()(path_arg& p) {
    std::string message;
    if (auto s = substitute_path(p.written, pid_lookup(), fd_lookup(), message))
      p.resolved = std::move(*s);
    else
      why = std::move(message);
  }
  void operator()(fd_arg& f) {
    if (auto raw = raw_fd_number(f.name))  // a raw number: the kernel gets it as it is
      f.number = *raw;
    else if (auto n = fd_of(f.name))
      f.number = *n;
    else
      why = "unknown fd \"" + f.name + "\"";
  }
  void operator()(task_arg& t) {
    if (auto pid = pid_of(t.name))
      t.pid = static_cast<std::uint32_t>(std::stoul(*pid));
    else
      why = "unknown task \"" + t.name + "\"";
  }
  // ip's TASK words: live tasks only (the contract extends @TASK and
  // pid=TASK, not these); an exited task's name stays as written.
  void operator()(program_args& a) {
    a.resolved = ip_args_with_pids(a.written, [this](const std::string& task) -> std::optional<std::string> {
      const task_names* t = names_.find_names(task);
      if (!t) return std::nullopt;
      return t->pid;
    });
  }
  void operator()(exec_words& a) {
    a.resolved.clear();
    for (const std::string& w : a.written) a.resolved.push_back(with_task_pids(w));
  }
  template <class T>
  void operator()(std::optional<T>& m) {
    if (m) (*this)(*m);
  }
  template <class T>
  void operator()(T&) {}

  std::optional<std::string> why;

 private:
  // "@NAME" with NAME a task's name: its pid (NAME: letters, digits, _ and -).
  std::string with_task_pids(const std::string& word) const {
    std::string out;
    for (std::size_t i = 0; i < word.size();) {
      std::size_t j = i + 1;
      if (word[i] == '@')
        while (j < word.size() && (std::isalnum(static_cast<unsigned char>(word[j])) || word[j] == '_' ||
                                   word[j] == '-'))
          ++j;
      auto pid = word[i] == '@' && j > i + 1 ? pid_of(word.substr(i + 1, j - i - 1)) : std::nullopt;
      out += pid ? *pid : word.substr(i, j - i);
      i = j;
    }
    return out;
  }
  // A live task's pid, or an exited one's last pid (the parser lets only
  // pid=TASK and @TASK name an exited task).
  std::optional<std::string> pid_of(const std::string& task) const { return names_.last_pid(task); }
  std::optional<int> fd_of(const std::string& name) const {
    auto it = self_.fds.find(name);
    if (it == self_.fds.end()) return std::nullopt;
    return it->second;
  }
  path_lookup pid_lookup() const {
    return [this](const std::string& task) { return pid_of(task); };
  }
  path_lookup fd_lookup() const {
    return [this](const std::string& name) -> std::optional<std::string> {
      auto n = fd_of(name);
      if (!n) return std::nullopt;
      return std::to_string(*n);
    };
  }

  const name_lookup& names_;
  const task_names& self_;
};

}  // namespace

std::optional<std::string> resolve(operation& op, const std::string& task, const name_lookup& names) {
  const task_names* self = names.find_names(task);
  if (!self) return "unknown task \"" + task + "\"";
  resolver r(names, *self);
  std::visit(
      [&](auto& o) {
        for_each_field(o, [&](const auto& member) {
          if (!r.why) r.check_new(member);
        });
        for_each_field(o, [&](auto& member) {
          if (!r.why) r(member);
        });
      },
      op);
  return r.why;
}

}  // namespace netns::tools
