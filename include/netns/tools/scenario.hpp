// SPDX-License-Identifier: GPL-2.0-only
// The scenario language (`.nss` files, docs/scenarios.md): lines parsed
// into commands, each checked against its shape in the command table
// (commands.hpp) and bound into a typed operation (operations.hpp).
//
// Example:
//   #include <iostream>
//   parse_result s = parse_scenario("init spawn a\na frob\n", "tour.nss");
//   if (!s) std::cerr << s.error.text() << "\n";   // tour.nss:2: unknown command "frob"
//   else for (const command& c : s->commands) std::cout << c.text << "\n";
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

#include "netns/tools/operations.hpp"

namespace netns::tools {

struct command {
  std::string file;
  int line = 0;
  std::string task;
  operation op;                   // what the words after TASK ask for
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
// is the set of live task names (updated as `spawn` and `exit` parse),
// and of exited ones as "-NAME" (never a valid name), which pid=TASK may
// still name (its last pid).
struct line_result {
  std::optional<command> cmd;
  std::optional<parse_error> error;
};
line_result parse_line(std::string_view line, const std::string& file, int number,
                       std::vector<std::string>& tasks);

bool valid_name(std::string_view s);  // [a-z][a-z0-9_]*

}  // namespace netns::tools
