// SPDX-License-Identifier: GPL-2.0-only
// The outcomes a backend's handlers answer with (backend.hpp), made the
// same way by both backends.
//
//   return error_outcome(EPERM);           // {"error EPERM"}
//   return malformed_outcome("unknown fd \"x\"");
//
// No locking: values.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "netns/base/result.hpp"
#include "netns/tools/backend.hpp"

namespace netns::tools {

inline outcome lines_outcome(std::vector<std::string> v) {
  outcome o;
  o.lines = std::move(v);
  return o;
}
inline outcome line_outcome(std::string s) { return lines_outcome({std::move(s)}); }
inline outcome ok_outcome() { return line_outcome("ok"); }
inline outcome error_outcome(int err) { return line_outcome(std::string("error ") + errno_name(err)); }
// A line that cannot run as written: FILE:LINE: message, exit 2.
inline outcome malformed_outcome(std::string message) {
  outcome o;
  o.malformed = std::move(message);
  return o;
}
// The run cannot go on: FILE:LINE: message, exit 1.
inline outcome failed_outcome(std::string message) {
  outcome o;
  o.failed = std::move(message);
  return o;
}
// A wait the interrupt flag ended, with nothing to show.
inline outcome interrupted_outcome() {
  outcome o;
  o.interrupted = true;
  return o;
}

}  // namespace netns::tools
