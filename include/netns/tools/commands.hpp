// SPDX-License-Identifier: GPL-2.0-only
// The scenario language's commands, in one table: each command's name,
// the shape of its arguments, its help, and the operation (operations.hpp)
// its words make. Parsing (scenario.hpp) checks the words against the
// shape and binds them into the operation; `netns shell` prints the help
// and completes words by their shape; the backends run the operation. So a
// new command is a row here, a struct in operations.hpp, and each
// backend's handler for it (the model's; the linux task process's, and the
// linux runner's only when a reply is more than result lines).
//
// Example:
//   const command_spec* open = find_command("open");
//   std::string_view shown = open->synopsis;             // "open PATH as FD"
//   arg_kind first = open->forms[0].args[0].kind;         // arg_kind::path
//   std::vector<std::string> tasks{"init"};
//   command_words w = parse_command(*open, {"/run/f", "as", "f"}, tasks);
//   bool is_open = w.op && std::holds_alternative<open_op>(*w.op);   // else w.error says why
//
// A shape is positional arguments, then an optional group given whole or
// not at all (`[as FD2]`, `[N]`), then KEY=VALUE options in any order, each
// at most once (`nl`'s). A command of several forms picks one by its first
// word (`nl newnsid|getnsid|dumpnsid`) or, when its forms have no such
// word, by the word of its first choice argument (`ioctl FD REQ`: a pid
// request takes a TASK, the others `[as FD2]`). The words bind, in that order,
// to the members the operation lists in `fields` (literal words bind to
// nothing; an absent optional word or option binds as nullopt or false).
// No locking: the table is built once, on first use, and only read.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "netns/tools/operations.hpp"

namespace netns::tools {

enum class arg_kind {
  path,          // PATH: absolute; @TASK and %FD inside
  fd,            // FD: an fd name of the line's task
  fd_or_number,  // FD: an fd name, or a raw fd number (-1, 99) the kernel gets as it is
  new_fd,        // FD: a name for the fd the command opens
  new_task,      // NAME: a name for a new task
  task,          // TASK: a live task
  any_task,      // TASK: a live task or one that has exited (nl's pid=: its last pid)
  choice,        // one of `choices`
  choice_set,    // a comma list of `choices`, each at most once, their values ORed;
                 // a choice of value 0 only alone (setns's `0`)
  literal,       // exactly the word `name` (as, --bind, nsid)
  uint_number,   // 0 to 4294967295
  int_number,    // -2147483648 to 4294967295, as a 32-bit attribute takes it
  text,          // any one word
  hex_bytes,     // an even number (at least 2) of hex digits: bytes
  flag,          // an option without a value: its key alone
  program_args,  // every word left: a program's arguments (ip)
};

struct arg_choice {
  std::string_view word;
  long value;            // what the operation's member gets
  bool offered = true;   // false: accepted, but Tab does not offer it (an alias)
};

struct arg_spec {
  arg_kind kind;
  std::string_view name;  // as the synopsis shows it (PATH, FD2); a literal's word; an option's key
  std::span<const arg_choice> choices = {};
  // What a refused word is called: a choice's "bad type" (then `listed`
  // follows the word: "(net, user, 0)"), a number's "uid" ("not a uid").
  std::string_view complaint = {};
  std::string_view listed = {};
  // A choice (or choice set) that also takes a raw number in place of its
  // words (decimal, -N or 0xHEX, -2^31 to 2^32-1): ioctl's REQ, setns's TYPE.
  bool raw_number = false;
  // A choice set whose KEY=VALUE elements are passed on as they are (a
  // file system's data options: mount -o size=1m), in arg_value::words.
  bool data_words = false;
};

// What parsing found for one argument, in binding order.
struct arg_value {
  bool present = false;
  std::string word;
  long long number = 0;            // a choice's value, a number
  std::vector<std::string> words;  // program_args
};

struct form_spec {
  std::string_view request;  // the word that picks this form ("newnsid"); "" for a command of one
  std::vector<arg_spec> args;
  std::vector<arg_spec> optional;
  std::vector<arg_spec> options;
  // The operation the values make; the number of members it binds.
  operation (*make)(std::span<const arg_value> values);
  std::size_t members;
};

struct command_spec {
  std::string_view verb;      // the COMMAND word: "open"
  std::string_view synopsis;  // "open PATH as FD"
  std::string_view summary;   // one line, for `help`
  std::string_view detail;    // arguments and results, '\n' between lines
  std::string_view example;   // a whole scenario line
  std::vector<form_spec> forms;
};

// Every command, in the order docs/scenarios.md lists them.
const std::vector<command_spec>& command_table();
// The command `verb`, or nullptr.
const command_spec* find_command(std::string_view verb);

// The form of `c` that `words` (after the verb) take: for request forms,
// the one `words[0]` names (nullptr when none does); for other commands of
// several forms, the first whose first choice argument accepts the word in
// its place, else the first form.
const form_spec* select_form(const command_spec& c, std::span<const std::string> words);

// A command's words (after the verb) checked against its shape: the
// operation, or the message of a malformed line. `tasks` holds the live
// task names, in file order: a `spawn` adds its task (an `exit` is the
// caller's to remove).
struct command_words {
  std::optional<operation> op;
  std::string error;
};
command_words parse_command(const command_spec& c, const std::vector<std::string>& words,
                            std::vector<std::string>& tasks);

}  // namespace netns::tools
