// SPDX-License-Identifier: GPL-2.0-only
// A veth pair across two namespaces, made and deleted over a netlink
// socket, on the model and on the running kernel the same way: RTM_NEWLINK
// (v0 in the socket's net, its peer v1 in another named by IFLA_NET_NS_FD,
// acked) and RTM_DELLINK of v0 (which takes v1, acked).
//
// Example:
//   std::string line = bench::veth_figure(1000);   // "veth pair create+delete across two ..."
//
// A refused request ends the program with a message (a figure after it
// would be false).
#pragma once

#include <string>

namespace netns::bench {

// Rounds of n create+delete trips, interleaved model and kernel; the line
// with medians in microseconds and the ratio (kernel skipped unless root).
std::string veth_figure(int n);

}  // namespace netns::bench
