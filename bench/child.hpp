// SPDX-License-Identifier: GPL-2.0-only
// A measurement in a child process of one thread, its output brought back
// as text. The kernel side of the benchmarks enters a user namespace of
// its own (scaling_kernel.cpp), which a process with threads cannot do,
// and a model kernel's worker is a thread.
//
// Example:
//   std::string text;
//   bool ok = bench::run_in_child([](std::FILE* out) { std::fputs("42\n", out); return 0; }, text);
//   // ok, text == "42\n"
#pragma once

#include <cstdio>
#include <functional>
#include <string>

namespace netns::bench {

// Runs f in a forked child with `out` a pipe to the parent; true when the
// child exited 0. The child's stderr is the parent's.
bool run_in_child(const std::function<int(std::FILE* out)>& f, std::string& text);

}  // namespace netns::bench
