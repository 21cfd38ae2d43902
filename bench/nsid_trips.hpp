// SPDX-License-Identifier: GPL-2.0-only
// RTM_*NSID requests on a netlink socket, the model's and the running
// kernel's, sent and answered the same way on both: GETNSID round trips
// (by NETNSA_FD or NETNSA_NSID), a GETNSID dump of every id, and the
// NEWNSID that gives a peer held by an fd the lowest free id.
//
// Example:
//   machine m;
//   bench::model_nsid_socket ms(m.init_task());
//   std::vector<std::vector<std::uint8_t>> reqs = {bench::getnsid_request(NETNSA_NSID, 0)};
//   ms.check(reqs[0]);                        // one answer, read and checked
//   ms.trips(reqs, 1000);                     // 1000 requests and replies
//   long entries = ms.dump();                 // every RTM_NEWNSID of a dump
//
// A failure of a request whose answer is known (a benchmark's setup gone
// wrong) ends the program with a message: figures after it would be false.
#pragma once

#include <cstdint>
#include <random>
#include <span>
#include <vector>

#include "netns/task/task.hpp"

namespace netns::bench {

using request = std::vector<std::uint8_t>;

// RTM_GETNSID naming the peer by `attr` (NETNSA_FD or NETNSA_NSID).
request getnsid_request(std::uint16_t attr, std::int32_t value);
// GETNSID by NETNSA_NSID for 16 random ids of a population of `live`
// (ids 0 to live-1; the same seed on both sides of a comparison): the
// kernel finds an id's peer by its idr and then scans for the peer's id,
// so where the id lies could matter.
std::vector<request> random_getnsid_requests(long live, std::mt19937& rng);
// RTM_NEWNSID for the peer held by `fd`, id -1 (the lowest free), with an ack.
request newnsid_request(int fd);
// RTM_GETNSID with NLM_F_DUMP.
request dump_request();

// Reads `reply` as a client reads it (the reply reader): it must be an
// RTM_NEWNSID with an id, 28 bytes. Exits with a message otherwise.
void check_reply(const char* side, std::span<const std::uint8_t> req,
                 std::span<const std::uint8_t> reply);

// Where a dump's replies have got to: RTM_NEWNSID entries seen, and
// whether NLMSG_DONE came. Exits on an error message.
struct dump_progress {
  long entries = 0;
  bool done = false;
  void feed(const char* side, std::span<const std::uint8_t> chunk);
};

// A NETLINK_ROUTE socket of a model task (its current net).
struct model_nsid_socket {
  task* t;
  int sock;
  explicit model_nsid_socket(task& owner);
  void check(const request& req);
  // n requests, req[i % size] each, replies of 28 bytes.
  void trips(const std::vector<request>& reqs, long n);
  long dump();  // entries
};

// A NETLINK_ROUTE socket of this process's current net namespace.
struct kernel_nsid_socket {
  int sock = -1;
  kernel_nsid_socket();
  ~kernel_nsid_socket();
  kernel_nsid_socket(const kernel_nsid_socket&) = delete;
  kernel_nsid_socket& operator=(const kernel_nsid_socket&) = delete;
  bool ready() const { return sock >= 0; }
  void check(const request& req);
  void trips(const std::vector<request>& reqs, long n);
  long dump();
  // NEWNSID for the peer held by fd; false (errno set) when refused.
  bool newnsid(int fd);
};

}  // namespace netns::bench
