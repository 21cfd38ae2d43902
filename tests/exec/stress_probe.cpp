// SPDX-License-Identifier: GPL-2.0-only
// The reliability cases of `netns exec` (issue 17), as a program: a
// thousand children, each making a net namespace of its own, a hundred
// at a time; then a process that closes every fd it has, among them the
// only reference to a net namespace, which must then be freed (seen
// through the user namespace's max_net_namespaces: with a limit of one,
// a second namespace is refused while the first is held, and allowed
// once it has gone). Run on the kernel (root) and under `netns exec`
// (any user): both must print the same lines.
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/netlink.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <set>
#include <string>

namespace {

std::string link_of(const std::string& path) {
  char buf[128];
  const ssize_t n = readlink(path.c_str(), buf, sizeof buf);
  return n < 0 ? std::string("error ") + std::strerror(errno) : std::string(buf, static_cast<std::size_t>(n));
}

bool write_file(const std::string& path, const std::string& text) {
  const int fd = open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool ok = write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  close(fd);
  return ok;
}

// 10 waves of 100 children alive at once; each unshares a net namespace
// and reports it, then waits for the wave to end (its parent closing a
// pipe) before it exits.
void thousand_children() {
  const std::string own = link_of("/proc/self/ns/net");
  int failed = 0, reported = 0, waves_distinct = 0;
  for (int wave = 0; wave < 10; ++wave) {
    int report[2], go[2];
    if (pipe2(report, O_CLOEXEC) != 0 || pipe2(go, O_CLOEXEC) != 0) return std::perror("pipe");
    int forked = 0;
    std::set<std::string> seen;  // (a wave's namespaces are alive at once; numbers come back later)
    for (int i = 0; i < 100; ++i) {
      const pid_t pid = fork();
      if (pid < 0) break;
      if (pid == 0) {
        close(report[0]);
        close(go[1]);
        std::string line = unshare(CLONE_NEWNET) == 0 ? link_of("/proc/self/ns/net") : "unshare failed";
        line += '\n';
        (void)!write(report[1], line.data(), line.size());  // one write, shorter than PIPE_BUF
        char c;
        (void)!read(go[0], &c, 1);  // end of file when the wave ends
        _exit(0);
      }
      ++forked;
    }
    close(report[1]);
    close(go[0]);
    FILE* in = fdopen(report[0], "r");
    char line[128];
    for (int i = 0; i < forked && in && std::fgets(line, sizeof line, in); ++i) {
      std::string ns(line);
      if (!ns.empty() && ns.back() == '\n') ns.pop_back();
      if (ns.rfind("net:[", 0) != 0 || ns == own) ++failed;
      seen.insert(ns);
      ++reported;
    }
    close(go[1]);
    for (int status; wait(&status) > 0;)
      if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) ++failed;
    if (in) std::fclose(in);
    if (forked != 100) ++failed;
    if (seen.size() == 100) ++waves_distinct;
  }
  std::printf("1000 children, 100 at a time: %d reported, %d of 10 waves in 100 distinct net namespaces, %s\n",
              reported, waves_distinct, failed == 0 ? "none failed" : "SOME FAILED");
  std::printf("the parent stayed in its net: %s\n", link_of("/proc/self/ns/net") == own ? "yes" : "no");
}

// A child that unshares a net namespace and waits to be killed; its
// namespace outlives it as long as someone has its file open.
pid_t child_in_new_net(int* result) {
  int ready[2];
  if (pipe2(ready, O_CLOEXEC) != 0) return -1;
  const pid_t pid = fork();
  if (pid == 0) {
    close(ready[0]);
    const int err = unshare(CLONE_NEWNET) == 0 ? 0 : errno;
    (void)!write(ready[1], &err, sizeof err);
    if (err != 0) _exit(0);
    pause();
    _exit(0);
  }
  close(ready[1]);
  if (pid < 0 || read(ready[0], result, sizeof *result) != sizeof *result) *result = -1;
  close(ready[0]);
  return pid;
}

void reap(pid_t pid) {
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);
}

// Under a user namespace whose max_net_namespaces is 1: hold a namespace
// only by an open file, then close every fd.
[[noreturn]] void close_every_fd(int out) {
  auto say = [out](const std::string& s) { (void)!write(out, (s + "\n").data(), s.size() + 1); };
  const std::string uid = std::to_string(getuid()), gid = std::to_string(getgid());
  if (unshare(CLONE_NEWUSER) != 0 || !write_file("/proc/self/setgroups", "deny") ||
      !write_file("/proc/self/uid_map", "0 " + uid + " 1") || !write_file("/proc/self/gid_map", "0 " + gid + " 1") ||
      !write_file("/proc/sys/user/max_net_namespaces", "1")) {
    say(std::string("set-up failed: ") + std::strerror(errno));
    _exit(1);
  }
  int err = 0;
  const pid_t holder = child_in_new_net(&err);
  const int held = open(("/proc/" + std::to_string(holder) + "/ns/net").c_str(), O_RDONLY);
  reap(holder);
  say(err == 0 && held >= 0 ? "a net namespace held by an fd of a dead child's" : "holding failed");
  // More of what a program has open: copies, a netlink socket, other ns files.
  (void)dup(held);
  (void)dup2(held, 40);
  (void)socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
  (void)open("/proc/self/ns/user", O_RDONLY);
  (void)open("/proc/self/ns/net", O_RDONLY);
  pid_t second = child_in_new_net(&err);
  say(std::string("another net namespace while it is held: ") + (err == 0 ? "allowed" : std::strerror(err)));
  if (second > 0) reap(second);
  // Every fd but the report pipe's, 0 to 2 included.
  if (syscall(SYS_close_range, 0, out - 1, 0) != 0 || syscall(SYS_close_range, out + 1, ~0U, 0) != 0) {
    say("close_range failed");
    _exit(1);
  }
  say(std::string("after closing every fd, its own net: ") +
      (link_of("/proc/self/ns/net").rfind("net:[", 0) == 0 ? "still answered" : "lost"));
  // The kernel frees a namespace in a worker, after its last reference:
  // look for up to ten seconds.
  std::string outcome = "still refused";
  for (int i = 0; i < 1000; ++i) {
    second = child_in_new_net(&err);
    if (second > 0) reap(second);
    if (err == 0) {
      outcome = "allowed";
      break;
    }
    usleep(10000);
  }
  say("another net namespace once the fds are closed: " + outcome);
  _exit(0);
}

}  // namespace

int main() {
  thousand_children();
  std::fflush(stdout);
  int report[2];
  if (pipe(report) != 0) return 1;
  const pid_t pid = fork();
  if (pid == 0) {
    close(report[0]);
    close_every_fd(report[1]);
  }
  close(report[1]);
  char buf[512];
  for (ssize_t n; (n = read(report[0], buf, sizeof buf)) > 0;) (void)!write(1, buf, static_cast<std::size_t>(n));
  int status = 0;
  waitpid(pid, &status, 0);
  std::printf("its exit status: %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
  return 0;
}
