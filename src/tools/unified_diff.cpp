// SPDX-License-Identifier: GPL-2.0-only
#include "netns/tools/unified_diff.hpp"

#include <algorithm>
#include <cstdint>

namespace netns::tools {

namespace {

struct edit {
  char op;        // ' ', '-', '+'
  std::size_t a;  // line index in a (for ' ' and '-')
  std::size_t b;  // line index in b (for ' ' and '+')
};

std::vector<edit> edits(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<edit> out;
  if (n * m > (4u << 20)) {  // too large for the table: all of a out, all of b in
    for (std::size_t i = 0; i < n; ++i) out.push_back({'-', i, 0});
    for (std::size_t j = 0; j < m; ++j) out.push_back({'+', n, j});
    return out;
  }
  // lcs[i][j]: the LCS length of a[i..] and b[j..].
  std::vector<std::uint32_t> lcs((n + 1) * (m + 1), 0);
  auto at = [&](std::size_t i, std::size_t j) -> std::uint32_t& { return lcs[i * (m + 1) + j]; };
  for (std::size_t i = n; i-- > 0;)
    for (std::size_t j = m; j-- > 0;)
      at(i, j) = a[i] == b[j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
  std::size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] == b[j]) {
      out.push_back({' ', i++, j++});
    } else if (i < n && (j == m || at(i + 1, j) >= at(i, j + 1))) {
      out.push_back({'-', i++, j});  // removals before additions, as diff -u prints them
    } else {
      out.push_back({'+', i, j++});
    }
  }
  return out;
}

}  // namespace

std::string unified_diff(const std::vector<std::string>& a, const std::vector<std::string>& b,
                         const std::string& label_a, const std::string& label_b) {
  if (a == b) return "";
  const std::vector<edit> e = edits(a, b);
  constexpr std::size_t context = 3;
  std::string out = "--- " + label_a + "\n+++ " + label_b + "\n";
  std::size_t k = 0;
  while (k < e.size()) {
    // The next change, and the hunk around it: changes closer than twice
    // the context join one hunk.
    while (k < e.size() && e[k].op == ' ') ++k;
    if (k == e.size()) break;
    const std::size_t start = k >= context ? k - context : 0;
    std::size_t end = k;
    for (std::size_t gap = 0; end < e.size(); ++end) {
      gap = e[end].op == ' ' ? gap + 1 : 0;
      if (gap > 2 * context) break;
    }
    // Trim trailing context to `context` lines.
    std::size_t last_change = end;
    while (last_change > start && e[last_change - 1].op == ' ') --last_change;
    end = std::min(e.size(), last_change + context);
    std::size_t a_start = 0, a_len = 0, b_start = 0, b_len = 0;
    bool a_set = false, b_set = false;
    for (std::size_t x = start; x < end; ++x) {
      if (e[x].op != '+') {
        if (!a_set) a_start = e[x].a, a_set = true;
        ++a_len;
      }
      if (e[x].op != '-') {
        if (!b_set) b_start = e[x].b, b_set = true;
        ++b_len;
      }
    }
    // A range with no lines names the line before it (diff -u's rule).
    if (!a_set) a_start = e[start].a;
    if (!b_set) b_start = e[start].b;
    auto range = [](std::size_t s, std::size_t len) {
      const std::size_t first = len ? s + 1 : s;
      return std::to_string(first) + (len == 1 ? "" : "," + std::to_string(len));
    };
    out += "@@ -" + range(a_start, a_len) + " +" + range(b_start, b_len) + " @@\n";
    for (std::size_t x = start; x < end; ++x) {
      const std::string& line = e[x].op == '+' ? b[e[x].b] : a[e[x].a];
      out += e[x].op;
      out += line + "\n";
    }
    k = end;
  }
  return out;
}

}  // namespace netns::tools
