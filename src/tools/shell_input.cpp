// SPDX-License-Identifier: GPL-2.0-only
// `netns shell`'s input: libedit on a terminal, getline otherwise; the
// history file; the SIGINT flag.
#include "shell_input.hpp"

#include <fcntl.h>
#include <histedit.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <fstream>
#include <iostream>

namespace netns::tools {

namespace {

// What the SIGINT handler reaches: the flag, and the thread to pass the
// signal on to. Process-wide by nature (a handler has no context); set
// before the handler is installed, read only by it afterwards.
std::atomic<bool> interrupt_flag{false};
pid_t main_pid = 0;
pid_t main_tid = 0;
static_assert(std::atomic<bool>::is_always_lock_free,
              "a signal handler may only touch lock-free atomics");

extern "C" void on_sigint(int) {
  const int saved = errno;
  interrupt_flag.store(true, std::memory_order_relaxed);
  // On another thread, the main thread's read or poll would go on: pass
  // the signal on to it (tgkill is async-signal-safe). A forked child
  // (getpid differs) has no such thread.
  if (getpid() == main_pid && static_cast<pid_t>(syscall(SYS_gettid)) != main_tid)
    syscall(SYS_tgkill, main_pid, main_tid, SIGINT);
  errno = saved;
}

struct sigaction previous_action;
bool installed = false;

}  // namespace

sigint_catcher::sigint_catcher() {
  main_pid = getpid();
  main_tid = static_cast<pid_t>(syscall(SYS_gettid));
  struct sigaction old {};
  if (sigaction(SIGINT, nullptr, &old) == 0 && old.sa_handler == SIG_IGN) return;
  struct sigaction sa {};
  sa.sa_handler = on_sigint;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;  // no SA_RESTART: the blocked read or poll ends with EINTR
  installed = sigaction(SIGINT, &sa, &previous_action) == 0;
}

sigint_catcher::~sigint_catcher() {
  if (installed) sigaction(SIGINT, &previous_action, nullptr);
  installed = false;
}

const std::atomic<bool>& sigint_catcher::flag() const { return interrupt_flag; }

void sigint_catcher::clear() { interrupt_flag.store(false, std::memory_order_relaxed); }

sigint_blocked::sigint_blocked() {
  sigset_t s;
  sigemptyset(&s);
  sigaddset(&s, SIGINT);
  pthread_sigmask(SIG_BLOCK, &s, &saved_);
}

sigint_blocked::~sigint_blocked() { pthread_sigmask(SIG_SETMASK, &saved_, nullptr); }

namespace {

// EL_PROMPT's type: char *(*)(EditLine *); libedit only reads the text.
char* prompt(EditLine*) {
  static char text[] = "netns> ";
  return text;
}

// The history file's lines, oldest first.
std::deque<std::string> read_lines(const std::string& path) {
  std::deque<std::string> lines;
  std::ifstream in(path);
  for (std::string l; std::getline(in, l);)
    if (!l.empty()) lines.push_back(std::move(l));
  return lines;
}

// Replaces the file by `lines`, through a new file renamed over it, so
// that a session reading it meanwhile sees the old or the new one whole.
void write_lines(const std::string& path, const std::deque<std::string>& lines) {
  std::string tmp = path + ".XXXXXX";
  const int fd = mkstemp(tmp.data());
  if (fd < 0) return;
  std::string all;
  for (const auto& l : lines) all += l + "\n";
  bool ok = fchmod(fd, 0600) == 0;
  for (std::size_t done = 0; ok && done < all.size();) {
    const ssize_t n = write(fd, all.data() + done, all.size() - done);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) done += static_cast<std::size_t>(n);
  }
  ok = close(fd) == 0 && ok;
  if (!ok || rename(tmp.c_str(), path.c_str()) != 0) unlink(tmp.c_str());
}

// Prints `names` in columns as wide as the terminal, down then across (as
// ls and bash list them).
void print_columns(const std::vector<std::string>& names) {
  winsize ws{};
  const std::size_t width =
      ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0 ? ws.ws_col : 80;
  std::size_t longest = 0;
  for (const auto& n : names) longest = std::max(longest, n.size());
  const std::size_t col = longest + 2;
  const std::size_t cols = std::max<std::size_t>(1, width / col);
  const std::size_t rows = (names.size() + cols - 1) / cols;
  std::string out = "\n";
  for (std::size_t r = 0; r < rows; ++r) {
    std::string row;
    for (std::size_t c = 0; c < cols; ++c) {
      const std::size_t i = c * rows + r;
      if (i >= names.size()) break;
      if (!row.empty()) row.resize(c * col, ' ');
      row += names[i];
    }
    out += row + "\n";
  }
  std::fputs(out.c_str(), stdout);
  std::fflush(stdout);
}

}  // namespace

shell_input::shell_input(bool terminal, completer_fn complete) : complete_(std::move(complete)) {
  if (!terminal) return;
  el_ = el_init("netns", stdin, stdout, stderr);
  if (!el_) return;  // getline, then
  hist_ = history_init();
  HistEvent ev;
  if (hist_) {
    history(hist_, &ev, H_SETSIZE, static_cast<int>(history_max));
    history(hist_, &ev, H_SETUNIQUE, 1);
    el_set(el_, EL_HIST, history, hist_);
  }
  el_set(el_, EL_EDITOR, "emacs");
  // libedit's own signal handling stays off (see the header): SIGINT is the
  // sigint_catcher's, and ends el_gets with EINTR.
  el_set(el_, EL_SIGNAL, 0);
  el_set(el_, EL_PROMPT, prompt);
  el_set(el_, EL_CLIENTDATA, this);
  el_set(el_, EL_ADDFN, "netns-complete", "complete the word at the cursor", complete_key);
  el_set(el_, EL_BIND, "^I", "netns-complete", nullptr);
  el_set(el_, EL_ADDFN, "netns-eof", "end the session on an empty line, else delete", eof_key);
  el_set(el_, EL_BIND, "^D", "netns-eof", nullptr);
  el_source(el_, nullptr);  // ~/.editrc, as other libedit programs read it
  if (const char* home = std::getenv("HOME"); home && *home)
    history_path_ = std::string(home) + "/.netns_history";
  load_history();
}

shell_input::~shell_input() {
  if (el_) {
    trim_history_file();
    el_end(el_);
  }
  if (hist_) history_end(hist_);
}

shell_input::status shell_input::read(std::string& line) {
  if (!el_) return std::getline(std::cin, line) ? status::line : status::eof;
  int count = 0;
  errno = 0;
  const char* l = el_gets(el_, &count);
  if (!l) {
    if (count < 0 && (errno == EINTR || interrupt_flag.load(std::memory_order_relaxed))) {
      // Show the cancelled line whole (the cursor may be inside it), mark it
      // as bash does, and let the next prompt start on a fresh line.
      const LineInfo* li = el_line(el_);
      std::string tail(li->cursor, li->lastchar);
      std::fputs((tail + "^C\n").c_str(), stdout);
      std::fflush(stdout);
      return status::interrupted;
    }
    std::fputs("\n", stdout);
    std::fflush(stdout);
    return status::eof;
  }
  line.assign(l, static_cast<std::size_t>(count));
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  return status::line;
}

unsigned char shell_input::complete_key(EditLine* el, int) {
  void* self = nullptr;
  el_get(el, EL_CLIENTDATA, &self);
  return static_cast<shell_input*>(self)->complete();
}

// Ctrl-D: the end of the session on an empty line (without libedit's
// "^D" echo: the newline read() prints is all the terminal shows); on a
// line, the character under the cursor goes, as Emacs keys have it.
unsigned char shell_input::eof_key(EditLine* el, int) {
  const LineInfo* li = el_line(el);
  if (li->buffer == li->lastchar) return CC_EOF;
  if (li->cursor == li->lastchar) return CC_ERROR;
  el_cursor(el, 1);
  el_deletestr(el, 1);
  return CC_REFRESH;
}

// Tab: the longest text every match starts with goes in (with the suffix
// of a sole match); when that adds nothing, the matches are listed and
// the line drawn again below them.
unsigned char shell_input::complete() {
  if (!complete_) return CC_ERROR;
  const LineInfo* li = el_line(el_);
  const std::string before(li->buffer, li->cursor);
  const completion c = complete_(before);
  if (c.matches.empty() || c.start > before.size()) return CC_ERROR;
  const std::string typed = before.substr(c.start);
  std::string common = c.matches.front();
  for (const auto& m : c.matches) {
    std::size_t i = 0;
    while (i < common.size() && i < m.size() && common[i] == m[i]) ++i;
    common.resize(i);
  }
  if (c.matches.size() == 1) common += c.suffix;
  if (common.size() > typed.size() && common.starts_with(typed)) {
    if (el_insertstr(el_, common.substr(typed.size()).c_str()) != 0) return CC_ERROR;
    return CC_REFRESH;
  }
  if (c.matches.size() == 1) return CC_NORM;  // complete already
  print_columns(c.matches);
  return CC_REDISPLAY;
}

void shell_input::load_history() {
  if (history_path_.empty() || !hist_) return;
  auto lines = read_lines(history_path_);
  if (lines.size() > history_max) {
    lines.erase(lines.begin(), lines.end() - static_cast<std::ptrdiff_t>(history_max));
    write_lines(history_path_, lines);
  }
  HistEvent ev;
  for (const auto& l : lines) history(hist_, &ev, H_ENTER, l.c_str());
  if (!lines.empty()) last_entry_ = lines.back();
}

void shell_input::remember(const std::string& line) {
  if (!el_ || line.find_first_not_of(" \t") == std::string::npos || line == last_entry_) return;
  last_entry_ = line;
  HistEvent ev;
  if (hist_) history(hist_, &ev, H_ENTER, line.c_str());
  if (history_path_.empty()) return;
  // One write with O_APPEND: lines of concurrent sessions do not mix.
  const int fd = open(history_path_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return;
  const std::string text = line + "\n";
  (void)!write(fd, text.data(), text.size());
  close(fd);
}

// Other sessions append too: the file is read again and cut back to its
// newest lines.
void shell_input::trim_history_file() const {
  if (history_path_.empty()) return;
  auto lines = read_lines(history_path_);
  if (lines.size() <= history_max) return;
  lines.erase(lines.begin(), lines.end() - static_cast<std::ptrdiff_t>(history_max));
  write_lines(history_path_, lines);
}

}  // namespace netns::tools
