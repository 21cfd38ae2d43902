// SPDX-License-Identifier: GPL-2.0-only
// run_in_child (child.hpp).
#include "child.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>

namespace netns::bench {

bool run_in_child(const std::function<int(std::FILE* out)>& f, std::string& text) {
  int p[2];
  if (pipe(p) != 0) return false;
  std::fflush(nullptr);  // nothing buffered is written twice
  const pid_t pid = fork();
  if (pid < 0) return false;
  if (pid == 0) {
    close(p[0]);
    std::FILE* out = fdopen(p[1], "w");
    const int rc = out ? f(out) : 1;
    if (out) std::fclose(out);
    std::fflush(nullptr);
    // No exit handlers: they belong to the parent (a model kernel's
    // threads do not exist here to be joined).
    _exit(rc);
  }
  close(p[1]);
  char buf[4096];
  for (ssize_t n; (n = read(p[0], buf, sizeof buf)) != 0;) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    text.append(buf, static_cast<std::size_t>(n));
  }
  close(p[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) return false;
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace netns::bench
