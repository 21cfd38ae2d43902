// SPDX-License-Identifier: GPL-2.0-only
// Running scenarios: the transcript (each command as written, then its
// result lines indented by two spaces), the expectations (`=> EXPECTED`
// against the result lines joined with " | "), and the exit status.
//
// Example:
//   #include <iostream>
//   int rc = run_file("examples/tour.nss", std::cout, std::cerr);
//   // 0: all expectations held; 1: one failed (FILE:LINE: expected ..., got ...);
//   // 2: a malformed line (FILE:LINE: message) or an unreadable file
//   // (1 too when the linux backend stops a run: FILE:LINE: timeout)
//
// No locking: one run per thread.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "netns/tools/backend.hpp"
#include "netns/tools/scenario.hpp"

namespace netns::tools {

// Runs a parsed scenario on a backend.
int run_scenario(const scenario& s, backend& b, std::ostream& out, std::ostream& err);
// Reads, parses and runs a file on a fresh model backend.
int run_file(const std::string& file, std::ostream& out, std::ostream& err);

enum class backend_kind { model, linux_kernel };
struct run_options {
  backend_kind kind = backend_kind::model;
  linux_options linux_kernel;
};
// The same on the chosen backend (the linux backend's world is made for
// this file alone). Exit 2 as well when the backend cannot start (one line).
int run_file(const std::string& file, const run_options& o, std::ostream& out, std::ostream& err);

// `netns diff`: runs the file on the linux backend and on the model and
// prints a unified diff of the transcripts (--- linux, +++ model) on
// `out`; each backend's failures go to `err` prefixed with its name.
// 0: the same; 1: they differ (or a run was stopped); 2: malformed, or
// the linux backend is not available.
int diff_file(const std::string& file, const linux_options& o, std::ostream& out, std::ostream& err);
// The same for text already read (fuzzing, tests).
int run_text(const std::string& text, const std::string& file, std::ostream& out, std::ostream& err);

// `netns run` / `netns diff` over several files: each is read, checked and
// run on its own (a malformed one does not stop the others). With more than
// one file, each transcript is headed by `==> FILE <==` and a closing line
// sums up: `N files: X passed, Y failed, Z malformed`. "-" is standard input
// (named <stdin> in messages). Returns the worst status (2 > 1 > 0).
struct files_options {
  bool diff = false;  // netns diff: both backends (run.linux_kernel's options)
  run_options run;
};
int run_files(const std::vector<std::string>& files, const files_options& o, std::ostream& out,
              std::ostream& err);
// How messages name a scenario read from standard input.
inline constexpr const char* stdin_name = "<stdin>";

// What one command printed and whether its expectation held.
std::string joined(const std::vector<std::string>& lines);

}  // namespace netns::tools
