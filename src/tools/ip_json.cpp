// SPDX-License-Identifier: GPL-2.0-only
#include "ip_json.hpp"

namespace netns::tools {

std::string json_string(const std::string& s) {
  std::string o = "\"";
  for (char c : s) {
    switch (c) {
      case '"': o += "\\\""; break;
      case '\\': o += "\\\\"; break;
      case '\n': o += "\\n"; break;
      case '\t': o += "\\t"; break;
      case '\r': o += "\\r"; break;
      case '\f': o += "\\f"; break;
      case '\b': o += "\\b"; break;
      default: o += c;
    }
  }
  return o + "\"";
}

void ip_list::begin() {
  if (json_) out_ += "[";
}

void ip_list::item(const std::vector<std::pair<std::string, std::string>>& members,
                   const std::string& text) {
  if (!json_) {
    out_ += text;
    return;
  }
  out_ += first_ ? "{" : ",{";
  for (std::size_t i = 0; i < members.size(); ++i)
    out_ += (i ? ",\"" : "\"") + members[i].first + "\":" + members[i].second;
  out_ += "}";
  first_ = false;
}

void ip_list::end() {
  if (json_) out_ += "]\n";
}

}  // namespace netns::tools
