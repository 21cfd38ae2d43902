// SPDX-License-Identifier: GPL-2.0-only
// Threads changing their net namespaces at once, as Go programs do with
// LockOSThread: each of 16 threads, 40 times, unshares a new one, checks
// it is its own (thread-self) and not its process's, and goes back with
// the handle it took of its own. Then threads come and go, each leaving a
// namespace of its own behind as it exits. Run on the kernel (root) and
// under `netns exec` (any user): both must print the same lines.
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <string>
#include <vector>

namespace {

std::string link_of(const std::string& path) {
  char buf[128];
  const ssize_t n = readlink(path.c_str(), buf, sizeof buf);
  return n < 0 ? std::string("error") : std::string(buf, static_cast<std::size_t>(n));
}

std::atomic<int> wrong{0};
std::string process_net;

void* churn(void*) {
  const std::string mine = "/proc/self/task/" + std::to_string(gettid()) + "/ns/net";
  const std::string start = link_of("/proc/thread-self/ns/net");
  const int back = open(mine.c_str(), O_RDONLY | O_CLOEXEC);
  if (back < 0 || start != process_net) ++wrong;
  for (int i = 0; i < 40; ++i) {
    if (unshare(CLONE_NEWNET) != 0) ++wrong;
    const std::string fresh = link_of("/proc/thread-self/ns/net");
    if (fresh == start || link_of(mine) != fresh) ++wrong;
    if (link_of("/proc/self/ns/net") != process_net) ++wrong;  // the leader's stays
    if (setns(back, CLONE_NEWNET) != 0 || link_of("/proc/thread-self/ns/net") != start) ++wrong;
  }
  close(back);
  return nullptr;
}

void* leave_one_behind(void*) {
  if (unshare(CLONE_NEWNET) != 0 || link_of("/proc/thread-self/ns/net") == process_net) ++wrong;
  return nullptr;
}

}  // namespace

int main() {
  process_net = link_of("/proc/self/ns/net");
  std::vector<pthread_t> threads(16);
  for (auto& t : threads) pthread_create(&t, nullptr, churn, nullptr);
  for (auto& t : threads) pthread_join(t, nullptr);
  std::printf("16 threads x 40 unshares and setns back: %s\n", wrong == 0 ? "consistent" : "INCONSISTENT");
  for (int round = 0; round < 10; ++round) {
    for (auto& t : threads) pthread_create(&t, nullptr, leave_one_behind, nullptr);
    for (auto& t : threads) pthread_join(t, nullptr);
  }
  std::printf("160 threads each exiting in a namespace of its own: %s\n", wrong == 0 ? "consistent" : "INCONSISTENT");
  std::printf("the process stayed in its net: %s\n", link_of("/proc/self/ns/net") == process_net ? "yes" : "no");
  return wrong == 0 ? 0 : 1;
}
