// SPDX-License-Identifier: GPL-2.0-only
// `netns shell`: the scenario language interactively (a terminal: libedit,
// history, Tab completion, Ctrl-C that cancels a line or interrupts a
// command) or from a pipe (as `netns run` reads a file: a malformed line
// stops it). Returns the process's exit status: the worst seen, 0, 1 (a
// failed expectation, or the linux world stopped) or 2 (a malformed line,
// a backend that cannot start).
#pragma once

#include <string>

#include "netns/tools/backend.hpp"

namespace netns::tools {

int run_shell(const std::string& backend_name, const linux_options& lo);

}  // namespace netns::tools
