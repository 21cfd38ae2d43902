// SPDX-License-Identifier: GPL-2.0-only
// Tab completion for `netns shell`: what may follow the text before the
// cursor, by the word's place in the scenario line.
//
//   completion c = complete_line("init op", ctx);   // c.start == 5, c.matches == {"open"}
//   completion p = complete_line("init cat /proc/self/ns/n", ctx);
//   // p.start at "n", p.matches == {"net", "net_..."} as `ls /proc/self/ns/` lists them
//
// The first word completes task names (and the shell's own words), the
// second command names, later words by their shape in the command table
// (commands.hpp): fd names of the line's task (FD, fd=, %FD in a path),
// task names (pid=, @TASK in a path, ip's TASK, TASK), the fixed words of
// a command (TYPE, REQ, as, nl's requests and options; in a comma list
// such as unshare's FLAGS, the element after the last comma), and paths, listed
// through the context's `list_dir`, which must have no side effect.
// No locking: values and the caller's callbacks, on the caller's thread.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace netns::tools {

struct completion_context {
  std::vector<std::string> tasks;  // the live tasks, as the shell's parser knows them
  // The open fd names of a task.
  std::function<std::vector<std::string>(const std::string& task)> fd_names;
  // The names in directory `dir` (absolute, ending in '/'; @TASK and %FD
  // allowed) as task `task` sees it; nullopt when it is not a directory.
  std::function<std::optional<std::vector<std::string>>(const std::string& task,
                                                        const std::string& dir)>
      list_dir;
};

struct completion {
  std::size_t start = 0;             // the completed text is line[start, cursor)
  std::vector<std::string> matches;  // what may replace it, sorted, distinct
  std::string suffix;                // what follows a sole match: " ", "/" or nothing
};

// Completes the end of `before_cursor` (the line up to the cursor).
completion complete_line(std::string_view before_cursor, const completion_context& ctx);

// The shell's own words, which are not scenario commands: `help [COMMAND]`,
// and `quit` / `exit` alone on a line.
inline constexpr std::string_view shell_words[] = {"exit", "help", "quit"};

}  // namespace netns::tools
