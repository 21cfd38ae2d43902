// SPDX-License-Identifier: GPL-2.0-only
// Lines for `netns shell`, and its Ctrl-C.
//
//   sigint_catcher ctrl_c;                        // SIGINT only sets a flag now
//   shell_input in(isatty(0), complete_fn);
//   std::string line;
//   while (auto st = in.read(line); st != shell_input::status::eof) ...
//
// On a terminal, libedit's native API (histedit.h): Emacs keys (or what
// ~/.editrc says), history kept in $HOME/.netns_history (the last 1000
// lines, loaded at the start, each line appended as it is entered, the
// file cut back at the end), Tab completion through the caller's
// function, Ctrl-C that cancels the line. Not its readline emulation: that
// turns on libedit's own signal handling, whose SIGINT handler re-raises
// the signal with kill(0, SIGINT) to the whole process group (the linux
// backend's processes are in it), and whose readline() answers an
// interrupted read and an end of file alike. Otherwise (a pipe, a file),
// plain getline and no history.
//
// SIGINT: the handler only sets a lock-free flag (the process-wide one the
// handler can reach: a signal handler has no other context). Installed
// without SA_RESTART, so that the signal also ends the read or poll the
// main thread is blocked in (EINTR). A SIGINT that lands on another thread
// (the model's workers) is passed on to the main thread.
//
// One thread: the session's; nothing here is shared but the flag.
#pragma once

#include <signal.h>

#include <atomic>
#include <functional>
#include <string>
#include <string_view>

#include "shell_complete.hpp"

struct editline;  // histedit.h's EditLine
struct history;   // histedit.h's History

namespace netns::tools {

// One per process: the handler and its flag are the process's.
class sigint_catcher {
 public:
  // Installs the handler, unless SIGINT is ignored (a background job keeps
  // ignoring it). The calling thread is the one SIGINT is passed on to.
  sigint_catcher();
  ~sigint_catcher();  // the previous disposition again
  sigint_catcher(const sigint_catcher&) = delete;
  sigint_catcher& operator=(const sigint_catcher&) = delete;

  const std::atomic<bool>& flag() const;
  void clear();
};

// While it lives, SIGINT is blocked in the calling thread: the threads and
// processes started meanwhile inherit the block, so that the terminal's
// Ctrl-C never reaches the linux backend's processes (they are in the
// terminal's foreground process group) and lands on the main thread.
// Programs those processes exec get the default mask back (linux_task),
// so Ctrl-C still stops a running `ip`.
class sigint_blocked {
 public:
  sigint_blocked();
  ~sigint_blocked();
  sigint_blocked(const sigint_blocked&) = delete;
  sigint_blocked& operator=(const sigint_blocked&) = delete;

 private:
  sigset_t saved_;
};

class shell_input {
 public:
  using completer_fn = std::function<completion(std::string_view before_cursor)>;
  enum class status { line, interrupted, eof };

  // `terminal`: edit lines with libedit (stdin and stdout are a terminal).
  shell_input(bool terminal, completer_fn complete);
  ~shell_input();  // the history file cut back to its last 1000 lines
  shell_input(const shell_input&) = delete;
  shell_input& operator=(const shell_input&) = delete;

  bool terminal() const { return el_ != nullptr; }

  // The next line, without its newline. `interrupted`: Ctrl-C cancelled the
  // line being typed (the terminal shows ^C and a fresh line follows).
  // `eof`: Ctrl-D on an empty line or the end of the input; on a terminal
  // a newline is printed, so that what comes next starts on its own line.
  status read(std::string& line);

  // Puts a line the user entered into the history (on a terminal; the file
  // at once, so that a session that dies keeps its lines). Blank lines and
  // a repeat of the newest entry stay out.
  void remember(const std::string& line);

  static constexpr std::size_t history_max = 1000;

 private:
  static unsigned char complete_key(editline* el, int ch);
  static unsigned char eof_key(editline* el, int ch);
  unsigned char complete();
  void load_history();
  void trim_history_file() const;

  editline* el_ = nullptr;
  history* hist_ = nullptr;
  completer_fn complete_;
  std::string history_path_;  // empty: no history file (no HOME)
  std::string last_entry_;    // the newest history entry (no duplicate follows it)
};

}  // namespace netns::tools
