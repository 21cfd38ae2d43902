// SPDX-License-Identifier: GPL-2.0-only
// Scenario parsing: words, quotes, comments and expectations; each
// command's words then go to the command table (commands.cpp).
#include "netns/tools/scenario.hpp"

#include <algorithm>

#include "netns/tools/commands.hpp"

namespace netns::tools {

namespace {

struct split_line {
  std::vector<std::string> words;
  std::optional<std::string> expected;
  std::string error;  // non-empty: malformed
};

bool blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

std::string trim(std::string_view s) {
  std::size_t a = 0, b = s.size();
  while (a < b && blank(s[a])) ++a;
  while (b > a && blank(s[b - 1])) --b;
  return std::string(s.substr(a, b - a));
}

// Words up to a comment or "=>"; the expectation is the rest of the line
// after "=>" (outside quotes), trimmed, with its comment removed.
split_line split(std::string_view line) {
  split_line out;
  std::size_t i = 0;
  const std::size_t n = line.size();
  while (i < n) {
    while (i < n && blank(line[i])) ++i;
    if (i >= n || line[i] == '#') break;
    if (line.compare(i, 2, "=>") == 0 && (i + 2 >= n || blank(line[i + 2]))) {
      // The expectation runs to a comment: a # outside quotes, at the
      // start or after a blank.
      std::string_view rest = line.substr(i + 2);
      bool quoted = false;
      for (std::size_t k = 0; k < rest.size(); ++k) {
        if (rest[k] == '"' && (k == 0 || rest[k - 1] != '\\')) quoted = !quoted;
        if (rest[k] == '#' && !quoted && (k == 0 || blank(rest[k - 1]))) {
          rest = rest.substr(0, k);
          break;
        }
      }
      out.expected = trim(rest);
      return out;
    }
    std::string word;
    if (line[i] == '"') {
      ++i;
      bool closed = false;
      while (i < n) {
        char c = line[i++];
        if (c == '"') {
          closed = true;
          break;
        }
        if (c == '\\' && i < n && (line[i] == '"' || line[i] == '\\')) c = line[i++];
        word += c;
      }
      if (!closed) {
        out.error = "unterminated quote";
        return out;
      }
      if (i < n && !blank(line[i]) && line[i] != '#') {
        out.error = "a quoted word must end at a blank";
        return out;
      }
    } else {
      while (i < n && !blank(line[i]) && line[i] != '#') {
        if (line[i] == '"') {
          out.error = "a quote inside a word";
          return out;
        }
        word += line[i++];
      }
    }
    out.words.push_back(std::move(word));
  }
  return out;
}

}  // namespace

bool valid_name(std::string_view s) {
  if (s.empty() || s.size() > 64 || !(s[0] >= 'a' && s[0] <= 'z')) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

line_result parse_line(std::string_view line, const std::string& file, int number,
                       std::vector<std::string>& tasks) {
  line_result r;
  auto fail = [&](std::string msg) {
    r.error = parse_error{file, number, std::move(msg)};
    return r;
  };
  if (line.find('\0') != std::string_view::npos) return fail("a NUL byte in the line");
  split_line s = split(line);
  if (!s.error.empty()) return fail(s.error);
  if (s.words.empty()) {
    if (s.expected) return fail("an expectation without a command");
    return r;  // blank or comment
  }
  if (s.words.size() < 2) return fail("expected TASK COMMAND");
  command c;
  c.file = file;
  c.line = number;
  c.task = s.words[0];
  c.expected = s.expected;
  if (!valid_name(c.task)) return fail("bad task name \"" + c.task + "\"");
  if (std::find(tasks.begin(), tasks.end(), c.task) == tasks.end())
    return fail("unknown task \"" + c.task + "\"");
  const command_spec* spec = find_command(s.words[1]);
  if (!spec) return fail("unknown command \"" + s.words[1] + "\"");
  command_words parsed =
      parse_command(*spec, std::vector<std::string>(s.words.begin() + 2, s.words.end()), tasks);
  if (!parsed.op) return fail(parsed.error);
  c.op = std::move(*parsed.op);
  if (std::holds_alternative<exit_op>(c.op)) {
    // The name stays known as an exited task's, "-NAME", for pid=TASK.
    const std::string gone = "-" + c.task;
    tasks.erase(std::find(tasks.begin(), tasks.end(), c.task));
    if (std::find(tasks.begin(), tasks.end(), gone) == tasks.end()) tasks.push_back(gone);
  }
  // The transcript's form: words joined by one blank, quoted when needed.
  for (std::size_t i = 0; i < s.words.size(); ++i) {
    const std::string& w = s.words[i];
    const bool needs = w.empty() || w.find_first_of(" \t#\"") != std::string::npos;
    std::string shown = w;
    if (needs) {
      shown = "\"";
      for (char ch : w) {
        if (ch == '"' || ch == '\\') shown += '\\';
        shown += ch;
      }
      shown += "\"";
    }
    c.text += (i ? " " : "") + shown;
  }
  r.cmd = std::move(c);
  return r;
}

parse_result parse_scenario(std::string_view text, const std::string& file) {
  parse_result out;
  scenario sc;
  std::vector<std::string> tasks{"init"};
  int number = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const std::size_t nl = text.find('\n', pos);
    const std::string_view line =
        text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    ++number;
    auto r = parse_line(line, file, number, tasks);
    if (r.error) {
      out.error = *r.error;
      return out;
    }
    if (r.cmd) sc.commands.push_back(std::move(*r.cmd));
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  out.value = std::move(sc);
  return out;
}

}  // namespace netns::tools
