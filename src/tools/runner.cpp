// SPDX-License-Identifier: GPL-2.0-only
#include "netns/tools/runner.hpp"

#include <fstream>
#include <ostream>
#include <sstream>

namespace netns::tools {

std::string joined(const std::vector<std::string>& lines) {
  std::string s;
  for (std::size_t i = 0; i < lines.size(); ++i) s += (i ? " | " : "") + lines[i];
  return s;
}

int run_scenario(const scenario& s, backend& b, std::ostream& out, std::ostream& err) {
  int rc = 0;
  for (const command& c : s.commands) {
    outcome o = b.run(c);
    if (o.malformed) {
      err << c.file << ":" << c.line << ": " << *o.malformed << "\n";
      return 2;
    }
    out << c.text << "\n";
    for (const std::string& l : o.lines) out << "  " << l << "\n";
    if (c.expected && joined(o.lines) != *c.expected) {
      err << c.file << ":" << c.line << ": expected \"" << *c.expected << "\", got \""
          << joined(o.lines) << "\"\n";
      rc = 1;
    }
  }
  out.flush();
  return rc;
}

int run_text(const std::string& text, const std::string& file, std::ostream& out, std::ostream& err) {
  auto s = parse_scenario(text, file);
  if (!s) {
    err << s.error.text() << "\n";
    return 2;
  }
  auto b = make_model_backend();
  return run_scenario(*s, *b, out, err);
}

int run_file(const std::string& file, std::ostream& out, std::ostream& err) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    err << file << ": cannot read the file\n";
    return 2;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return run_text(ss.str(), file, out, err);
}

}  // namespace netns::tools
