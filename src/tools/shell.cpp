// SPDX-License-Identifier: GPL-2.0-only
// `netns shell`: the scenario language read line by line, in one world
// that lasts for the session.
#include "shell.hpp"

#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "netns/tools/backend.hpp"
#include "netns/tools/commands.hpp"
#include "netns/tools/runner.hpp"
#include "netns/tools/scenario.hpp"
#include "result_lines.hpp"
#include "shell_complete.hpp"
#include "shell_input.hpp"

namespace netns::tools {

namespace {

std::vector<std::string> blank_split(const std::string& line) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
    const std::size_t b = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r') ++i;
    if (i > b) words.push_back(line.substr(b, i - b));
  }
  return words;
}

// `help`: every command on a line; the shell's own words last.
void print_help() {
  std::size_t width = std::string("help [COMMAND]").size();
  for (const command_spec& c : command_table()) width = std::max(width, c.synopsis.size());
  auto row = [&](std::string_view left, std::string_view right) {
    std::cout << "  " << left << std::string(width + 2 - left.size(), ' ') << right << "\n";
  };
  std::cout << "Lines are TASK COMMAND [ARG ...] [=> EXPECTED]; task init exists at the start.\n"
               "In a PATH, @TASK is a task's pid and %FD the number of one of the task's fds.\n"
               "Commands (help COMMAND describes one):\n";
  for (const command_spec& c : command_table()) row(c.synopsis, c.summary);
  std::cout << "The shell's own lines:\n";
  row("help [COMMAND]", "this list, or one command in detail");
  row("quit, exit", "end the session, as Ctrl-D does (TASK exit is a command)");
}

// `help WORD`; false when WORD is no command.
bool print_command_help(const std::string& word) {
  if (word == "help" || word == "quit") {
    if (word == "help")
      std::cout << "help [COMMAND]: the commands, or COMMAND in detail\n";
    else
      std::cout
          << "quit: a line `quit` or `exit` alone (no task) ends the session, as Ctrl-D on an\n"
             "  empty line does. The exit status is the worst seen: 0, 1 after a failed\n"
             "  expectation, 2 after a malformed line.\n";
    return true;
  }
  const command_spec* d = find_command(word);
  if (!d) return false;
  std::cout << d->synopsis << ": " << d->summary << "\n";
  std::size_t pos = 0;
  while (pos <= d->detail.size()) {
    const std::size_t nl = d->detail.find('\n', pos);
    std::cout << "  "
              << d->detail.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos)
              << "\n";
    if (nl == std::string::npos) break;
    pos = nl + 1;
  }
  std::cout << "  Example: " << d->example << "\n";
  return true;
}

class session {
 public:
  session(backend& b, bool terminal, sigint_catcher* ctrl_c)
      : b_(b),
        ctrl_c_(ctrl_c),
        in_(terminal, [this](std::string_view before) { return complete(before); }) {}

  int run() {
    std::string line;
    for (;;) {
      if (ctrl_c_) ctrl_c_->clear();
      const shell_input::status st = in_.read(line);
      if (st == shell_input::status::eof) break;
      if (st == shell_input::status::interrupted) continue;  // the line is gone; not counted
      ++number_;
      const std::vector<std::string> words = blank_split(line);
      if (words.size() == 1 && (words[0] == "quit" || words[0] == "exit")) break;
      in_.remember(line);  // the lines worth recalling: not the one that ends the session
      if (!words.empty() && (words[0] == "help" || words[0] == "?")) {
        help(words);
        continue;
      }
      if (!step(line)) break;
    }
    return worst_;
  }

 private:
  void help(const std::vector<std::string>& words) {
    if (words.size() == 1)
      print_help();
    else if (words.size() > 2)
      std::cerr << "help: expected help [COMMAND]\n";
    else if (!print_command_help(words[1]))
      std::cerr << "help: no command \"" << words[1] << "\" (help lists them)\n";
    std::cout.flush();
  }

  // One scenario line; false when the session must end: the linux world
  // is gone, or, through a pipe, the line was malformed (as `netns run`
  // stops there).
  bool step(const std::string& line) {
    auto saved = tasks_;
    auto r = parse_line(line, "<stdin>", number_, tasks_);
    if (r.error) {
      std::cerr << r.error->text() << "\n";
      return malformed();
    }
    if (!r.cmd) return true;
    if (ctrl_c_) ctrl_c_->clear();
    outcome o = b_.run(*r.cmd);
    if (o.malformed) {
      std::cerr << "<stdin>:" << number_ << ": " << *o.malformed << "\n";
      tasks_ = saved;
      return malformed();
    }
    if (o.failed) {  // the linux world was torn down: nothing more can run
      std::cerr << "<stdin>:" << number_ << ": " << *o.failed << "\n";
      worst_ = std::max(worst_, 1);
      return false;
    }
    // After Ctrl-C the terminal shows ^C where the cursor was: the results
    // start on a line of their own.
    if (o.interrupted && in_.terminal()) std::cout << "\n";
    for (const std::string& l : o.lines) std::cout << "  " << l << "\n";
    std::cout.flush();
    if (o.interrupted) {
      // Not a result to check: the user cut it short.
      std::cerr << "<stdin>:" << number_ << ": interrupted\n";
    } else if (r.cmd->expected && joined(o.lines) != *r.cmd->expected) {
      std::cerr << "<stdin>:" << number_ << ": expected \"" << *r.cmd->expected << "\", got \""
                << joined(o.lines) << "\"\n";
      worst_ = std::max(worst_, 1);
    }
    return true;
  }

  bool malformed() {
    worst_ = 2;
    return in_.terminal();  // on a terminal the user may correct the line
  }

  // Tab. Paths are listed with `ls DIR` through the backend, which changes
  // nothing in the world (no fd stays open, no name is numbered).
  completion complete(std::string_view before) {
    completion_context ctx;
    for (const std::string& t : tasks_)  // the live ones: "-NAME" is an exited task
      if (t.front() != '-') ctx.tasks.push_back(t);
    ctx.fd_names = [this](const std::string& task) { return b_.fd_names(task); };
    ctx.list_dir = [this](const std::string& task,
                          const std::string& dir) -> std::optional<std::vector<std::string>> {
      command c;
      c.file = "<completion>";
      c.task = task;
      c.op = ls_op{path_arg{dir}};
      c.text = task + " ls " + dir;
      outcome o = b_.run(c);
      if (o.malformed || o.failed || o.interrupted) return std::nullopt;
      if (o.lines.size() == 1 && o.lines[0].starts_with("error ")) return std::nullopt;
      // ls shows the pids of tasks as their names; a path names them @TASK.
      if (lists_pids(dir))
        for (std::string& n : o.lines)
          if (std::find(tasks_.begin(), tasks_.end(), n) != tasks_.end()) n = "@" + n;
      return o.lines;
    };
    return complete_line(before, ctx);
  }

  backend& b_;
  sigint_catcher* ctrl_c_;  // null through a pipe: Ctrl-C stops the process, as for `run`
  shell_input in_;
  std::vector<std::string> tasks_{"init"};  // the live tasks, as the parser tracks them
  int number_ = 0;
  int worst_ = 0;  // the exit status: 0, 1 (a failed expectation), 2 (a malformed line)
};

}  // namespace

int run_shell(const std::string& backend_name, const linux_options& lo) {
  // A terminal on both sides: libedit. Otherwise the lines are read as a
  // script, and the process stops at Ctrl-C as `netns run` does.
  const bool terminal = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
  std::optional<sigint_catcher> ctrl_c;
  if (terminal) ctrl_c.emplace();
  std::unique_ptr<backend> b;
  {
    // The backend's threads and processes start with SIGINT blocked: the
    // terminal's Ctrl-C is the session's alone (see sigint_blocked).
    std::optional<sigint_blocked> shield;
    if (terminal) shield.emplace();
    if (backend_name == "linux") {
      std::string why;
      b = make_linux_backend(lo, why);
      if (!b) {
        std::cerr << "netns: " << why << "\n";
        return 2;
      }
    } else {
      b = make_model_backend();
    }
  }
  if (ctrl_c) b->watch_interrupt(&ctrl_c->flag());
  session s(*b, terminal, ctrl_c ? &*ctrl_c : nullptr);
  return s.run();
}

}  // namespace netns::tools
