// SPDX-License-Identifier: GPL-2.0-only
#include "netns/tools/runner.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>
#include <ostream>
#include <sstream>

#include "netns/tools/unified_diff.hpp"

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
    if (o.failed) {
      out.flush();
      err << c.file << ":" << c.line << ": " << *o.failed << "\n";
      return 1;
    }
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

namespace {

// The whole text of FILE ("-": standard input), or nullopt after printing
// why, as `FILE: Is a directory`. read(2) gives the reason an ifstream hides.
std::optional<std::string> read_file(const std::string& file, std::ostream& err) {
  const bool stdin_file = file == "-";
  const int fd = stdin_file ? STDIN_FILENO : open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    err << file << ": " << std::strerror(errno) << "\n";
    return std::nullopt;
  }
  std::string text;
  char buf[65536];
  for (;;) {
    const ssize_t n = read(fd, buf, sizeof buf);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      err << (stdin_file ? std::string(stdin_name) : file) << ": " << std::strerror(errno) << "\n";
      if (!stdin_file) close(fd);
      return std::nullopt;
    }
    text.append(buf, static_cast<std::size_t>(n));
  }
  if (!stdin_file) close(fd);
  return text;
}

// The parsed scenario, or nullopt after printing why (FILE:LINE: message).
std::optional<scenario> parse_text(const std::string& text, const std::string& file, std::ostream& err) {
  auto s = parse_scenario(text, file);
  if (!s) {
    err << s.error.text() << "\n";
    return std::nullopt;
  }
  return std::move(*s.value);
}

std::optional<scenario> parse_file(const std::string& file, std::ostream& err) {
  auto text = read_file(file, err);
  if (!text) return std::nullopt;
  return parse_text(*text, file == "-" ? std::string(stdin_name) : file, err);
}

int run_parsed(const scenario& s, const run_options& o, std::ostream& out, std::ostream& err) {
  if (o.kind == backend_kind::model) {
    auto b = make_model_backend();
    return run_scenario(s, *b, out, err);
  }
  std::string why;
  auto b = make_linux_backend(o.linux_kernel, why);
  if (!b) {
    err << "netns: " << why << "\n";
    return 2;
  }
  return run_scenario(s, *b, out, err);
}

std::vector<std::string> transcript_lines(const std::string& text) {
  std::vector<std::string> v;
  std::stringstream ss(text);
  for (std::string l; std::getline(ss, l);) v.push_back(l);
  return v;
}

void prefixed(const std::string& text, const std::string& prefix, std::ostream& err) {
  for (const auto& l : transcript_lines(text)) err << prefix << l << "\n";
}

}  // namespace

int run_text(const std::string& text, const std::string& file, std::ostream& out, std::ostream& err) {
  auto s = parse_text(text, file, err);
  if (!s) return 2;
  return run_parsed(*s, run_options{}, out, err);
}

int run_file(const std::string& file, std::ostream& out, std::ostream& err) {
  return run_file(file, run_options{}, out, err);
}

int run_file(const std::string& file, const run_options& o, std::ostream& out, std::ostream& err) {
  auto s = parse_file(file, err);
  if (!s) return 2;
  return run_parsed(*s, o, out, err);
}

int diff_file(const std::string& file, const linux_options& lo, std::ostream& out, std::ostream& err) {
  auto s = parse_file(file, err);
  if (!s) return 2;
  // The kernel first: its world is forked before the model starts threads.
  std::ostringstream linux_out, linux_err, model_out, model_err;
  run_options o;
  o.kind = backend_kind::linux_kernel;
  o.linux_kernel = lo;
  const int linux_rc = run_parsed(*s, o, linux_out, linux_err);
  prefixed(linux_err.str(), "linux: ", err);
  if (linux_rc == 2) return 2;
  const int model_rc = run_parsed(*s, run_options{}, model_out, model_err);
  prefixed(model_err.str(), "model: ", err);
  if (model_rc == 2) return 2;
  const std::string name = file == "-" ? std::string(stdin_name) : file;
  const std::string d = unified_diff(transcript_lines(linux_out.str()), transcript_lines(model_out.str()),
                                     name + " (linux)", name + " (model)");
  out << d;
  out.flush();
  return d.empty() ? 0 : 1;
}

int run_files(const std::vector<std::string>& files, const files_options& o, std::ostream& out,
              std::ostream& err) {
  const bool several = files.size() > 1;
  int passed = 0, failed = 0, malformed = 0, worst = 0;
  for (const std::string& f : files) {
    if (several) {
      out << "==> " << (f == "-" ? std::string(stdin_name) : f) << " <==\n";
      out.flush();
    }
    const int rc = o.diff ? diff_file(f, o.run.linux_kernel, out, err) : run_file(f, o.run, out, err);
    (rc == 0 ? passed : rc == 1 ? failed : malformed) += 1;
    worst = std::max(worst, rc);
  }
  if (several)
    out << files.size() << " files: " << passed << " passed, " << failed << " failed, " << malformed
        << " malformed\n";
  out.flush();
  return worst;
}

}  // namespace netns::tools
