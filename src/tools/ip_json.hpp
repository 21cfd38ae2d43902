// SPDX-License-Identifier: GPL-2.0-only
// The model's `ip` output of a list (iproute2 6.1's lib/json_print.c and
// json_writer.c as `ip -j netns list` and `list-id` use them): with -j an
// array of objects on one line, without it the caller's text lines.
//
//   ip_list list(out, json);
//   list.begin();                                               // "[" with -j
//   list.item({{"name", json_string("red")}, {"id", "5"}}, "red (id: 5)\n");
//   list.end();                                                 // "]\n" with -j
//
// No locking: one program run, on its caller's thread.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace netns::tools {

// jsonw_puts: tab, newline, CR, form feed, backspace, backslash and quote
// get their short escapes; every other byte goes out as it is, control
// characters included (probed), in double quotes.
std::string json_string(const std::string& s);

class ip_list {
 public:
  ip_list(std::string& out, bool json) : out_(out), json_(json) {}
  void begin();
  // One entry: with -j an object of `members` (name and JSON value, in
  // order; none gives {}), else `text` as it is.
  void item(const std::vector<std::pair<std::string, std::string>>& members, const std::string& text);
  void end();

 private:
  std::string& out_;
  bool json_;
  bool first_ = true;
};

}  // namespace netns::tools
