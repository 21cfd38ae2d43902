// SPDX-License-Identifier: GPL-2.0-only
// A unified diff of two texts, line by line (for `netns diff`).
//
// Example:
//   std::vector<std::string> a{"x", "y"}, b{"x", "z"};
//   std::string d = unified_diff(a, b, "a/x.nss", "b/x.nss");
//   // "" when equal; here "--- a/x.nss\n+++ b/x.nss\n@@ -1,2 +1,2 @@\n x\n-y\n+z\n"
//
// A longest common subsequence over lines (O(n*m) time and space, fine
// for transcripts of a few thousand lines; beyond 4M cells the whole text
// is one hunk). Hunks carry three lines of context. No locking: values.
#pragma once

#include <string>
#include <vector>

namespace netns::tools {

std::string unified_diff(const std::vector<std::string>& a, const std::vector<std::string>& b,
                         const std::string& label_a, const std::string& label_b);

}  // namespace netns::tools
