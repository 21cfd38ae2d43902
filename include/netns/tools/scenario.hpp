// SPDX-License-Identifier: GPL-2.0-only
// The scenario language (`.nss` files, ../shared/SCENARIOS.md): parsing
// lines into commands, and checking each command's shape.
//
//   auto s = parse_scenario(text, "tour.nss");
//   if (!s) std::cerr << s.error_text() << "\n";   // tour.nss:12: unknown command "frob"
//   for (const command& c : s->commands) ...
//
// A line is `TASK COMMAND [ARG ...] [=> EXPECTED]`. `#` starts a comment
// (outside quotes); words split on blanks; a word in double quotes keeps
// its blanks (\" and \\ escape). The task names a command may use are
// checked here, in file order: `init` exists at the start, `spawn NAME`
// adds NAME, `exit` removes the task. No locking: values.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace netns::tools {

struct command {
  std::string file;
  int line = 0;
  std::string task;
  std::string verb;               // "open", "nl", "ip", ...
  std::vector<std::string> args;  // after the verb, quotes removed
  std::optional<std::string> expected;  // after "=>", trimmed ("" for a bare "=>")
  std::string text;               // the command as the transcript prints it
};

// A malformed line: "FILE:LINE: message".
struct parse_error {
  std::string file;
  int line = 0;
  std::string message;
  std::string text() const { return file + ":" + std::to_string(line) + ": " + message; }
};

struct scenario {
  std::vector<command> commands;
};

// Parses and checks a whole file; the first malformed line is the error.
struct parse_result {
  std::optional<scenario> value;
  parse_error error;
  explicit operator bool() const { return value.has_value(); }
  const scenario& operator*() const { return *value; }
  const scenario* operator->() const { return &*value; }
};
parse_result parse_scenario(std::string_view text, const std::string& file);

// One line, for the shell: nullopt for a blank or comment line; `tasks`
// is the set of live task names (updated as `spawn` and `exit` parse).
struct line_result {
  std::optional<command> cmd;
  std::optional<parse_error> error;
};
line_result parse_line(std::string_view line, const std::string& file, int number,
                       std::vector<std::string>& tasks);

// The commands of the language with a one-line description each (`help`).
const std::vector<std::pair<std::string, std::string>>& command_help();

bool valid_name(std::string_view s);  // [a-z][a-z0-9_]*

}  // namespace netns::tools
