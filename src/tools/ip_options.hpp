// SPDX-License-Identifier: GPL-2.0-only
// The model's `ip` (ip_netns.hpp): what it writes, how it exits, and its
// command line as iproute2 6.1 reads it (ip/ip.c's options, lib/utils.c's
// matches, get_integer, invarg, duparg).
//
//   ip_output o;
//   ip_command c = parse_ip_options(args, o, switch_netns);   // -n NAME, -j
//   // args[c.object] is the object word ("netns"); an error throws ip_exit
//
// No locking: one program run, on its caller's thread.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace netns::tools {

// exit(): unwinds to run_ip with the status.
struct ip_exit {
  int status;
};

// ip's standard output and standard error.
struct ip_output {
  std::string out;
  std::string errs;
  void err(const std::string& line) { errs += line + "\n"; }
  // "Error: argument "ARG" is wrong: MSG", exit 255.
  [[noreturn]] void invarg(const std::string& msg, const std::string& arg);
  // "Error: duplicate "KEY": "ARG" is the second value.", exit 255.
  [[noreturn]] void duparg(const std::string& key, const std::string& arg);
  // "Command line is not complete. Try option "help"", exit 255.
  [[noreturn]] void incomplete();
};

// matches(): `cmd` is a non-empty prefix of `pattern`.
bool matches(std::string_view cmd, std::string_view pattern);
// get_integer(): strtol of the whole word, base 0, within int.
std::optional<int> get_integer(const std::string& s);
// is_pid(): every character a digit (so "" passes, as in ip).
bool is_pid(const std::string& s);

struct ip_command {
  bool json = false;       // -j
  std::size_t object = 0;  // where the object word is (args.size(): none)
};

// ip's options before the object: -n NAME (`switch_netns` runs at once,
// in order, as netns_switch does; false: it failed, exit 255) and -j.
// Anything else, and -n without a NAME, exit 255 with ip's message.
ip_command parse_ip_options(const std::vector<std::string>& args, ip_output& o,
                            const std::function<bool(const std::string& name)>& switch_netns);

}  // namespace netns::tools
