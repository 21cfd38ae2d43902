// SPDX-License-Identifier: GPL-2.0-only
// Lines for `netns shell`: libedit's readline (editing and history) when
// stdin is a terminal, plain getline otherwise.
#pragma once

#include <editline/readline.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <string>

namespace netns::tools {

class shell_input {
 public:
  shell_input() : tty_(isatty(STDIN_FILENO)) {}
  bool read(std::string& line) {
    if (!tty_) return static_cast<bool>(std::getline(std::cin, line));
    char* l = readline("netns> ");
    if (!l) return false;
    line = l;
    if (!line.empty()) add_history(l);
    std::free(l);
    return true;
  }

 private:
  bool tty_;
};

}  // namespace netns::tools
