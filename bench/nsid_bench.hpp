// SPDX-License-Identifier: GPL-2.0-only
// The nsid part of `netns-bench --compare-kernel` (nsid_bench.cpp).
#pragma once

namespace netns::bench {

// Prints the peernet2id lines (1k, 10k, 100k ids) and the getnsid round
// trip line; `n` scales the number of round trips.
void nsid_figures(int n);

}  // namespace netns::bench
