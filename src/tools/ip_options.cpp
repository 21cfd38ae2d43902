// SPDX-License-Identifier: GPL-2.0-only
// iproute2 6.1's ip/ip.c main() options and lib/utils.c's word helpers.
#include "ip_options.hpp"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>

namespace netns::tools {

void ip_output::invarg(const std::string& msg, const std::string& arg) {
  err("Error: argument \"" + arg + "\" is wrong: " + msg);
  throw ip_exit{255};
}

void ip_output::duparg(const std::string& key, const std::string& arg) {
  err("Error: duplicate \"" + key + "\": \"" + arg + "\" is the second value.");
  throw ip_exit{255};
}

void ip_output::incomplete() {
  err("Command line is not complete. Try option \"help\"");
  throw ip_exit{255};
}

// 6.1's lib/utils.c: an empty word matches nothing, so `ip netns ""` is an
// unknown command (probed).
bool matches(std::string_view cmd, std::string_view pattern) {
  return !cmd.empty() && cmd.size() <= pattern.size() && pattern.compare(0, cmd.size(), cmd) == 0;
}

std::optional<int> get_integer(const std::string& s) {
  if (s.empty()) return std::nullopt;
  char* end = nullptr;
  errno = 0;
  long v = std::strtol(s.c_str(), &end, 0);
  if (*end != '\0' || errno == ERANGE || v > INT_MAX || v < INT_MIN) return std::nullopt;
  return static_cast<int>(v);
}

bool is_pid(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

ip_command parse_ip_options(const std::vector<std::string>& args, ip_output& o,
                            const std::function<bool(const std::string& name)>& switch_netns) {
  ip_command c;
  std::size_t i = 0;
  while (i < args.size() && args[i].size() > 1 && args[i][0] == '-') {
    std::string opt = args[i];
    if (opt.size() > 2 && opt[1] == '-') opt = opt.substr(1);
    if (matches(opt, "-netns") && opt.size() >= 2) {
      if (i + 1 >= args.size()) o.incomplete();
      if (!switch_netns(args[i + 1])) throw ip_exit{255};
      i += 2;
      continue;
    }
    if (matches(opt, "-json") && opt.size() >= 2) {
      c.json = true;
      ++i;
      continue;
    }
    o.err("Option \"" + args[i] + "\" is unknown, try \"ip -help\".");
    throw ip_exit{255};
  }
  c.object = i;
  return c;
}

}  // namespace netns::tools
