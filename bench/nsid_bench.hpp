// SPDX-License-Identifier: GPL-2.0-only
// The nsid part of `netns-bench --compare-kernel` (nsid_bench.cpp).
#pragma once

#include <string>
#include <vector>

namespace netns::bench {

// Measures and returns the peernet2id lines (1k, 10k, 100k ids) and the
// getnsid round trip line, for the caller to print; `n` scales the number
// of round trips.
std::vector<std::string> nsid_figures(int n);

}  // namespace netns::bench
