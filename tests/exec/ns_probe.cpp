// SPDX-License-Identifier: GPL-2.0-only
// A small program of our own that uses the namespace calls the way LTP's
// setns01/setns02/ioctl_ns* and the selftests' nsfs/owner.c do (facts from
// there; the code is ours). Built with the project and run twice, on the
// kernel (root) and under `netns exec` (any user): both must print
// tests/exec/ns_probe.expected. It prints facts, not numbers, so the two
// runs compare as they are.
#include <fcntl.h>
#include <linux/nsfs.h>
#include <pthread.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/vfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

namespace {

std::string link_of(const std::string& path) {
  char buf[256];
  ssize_t n = readlink(path.c_str(), buf, sizeof buf);
  return n < 0 ? std::string("error ") + strerrorname_np(errno) : std::string(buf, static_cast<std::size_t>(n));
}

void say(const char* what, bool ok) { std::printf("%s: %s\n", what, ok ? "yes" : "NO"); }
void say_errno(const char* what, long rc) {
  std::printf("%s: %s\n", what, rc < 0 ? strerrorname_np(errno) : "ok");
}

}  // namespace

int main() {
  const std::string net0 = link_of("/proc/self/ns/net");
  const std::string user0 = link_of("/proc/self/ns/user");
  say("net link has the form net:[N]", net0.rfind("net:[", 0) == 0 && net0.back() == ']');

  int net_fd = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
  say("open /proc/self/ns/net", net_fd >= 0);
  struct stat st {};
  say("fstat gives the link's inode", fstat(net_fd, &st) == 0 &&
                                          "net:[" + std::to_string(st.st_ino) + "]" == net0);
  say("fd link names the namespace", link_of("/proc/self/fd/" + std::to_string(net_fd)) == net0);
  say("NS_GET_NSTYPE is CLONE_NEWNET", ioctl(net_fd, NS_GET_NSTYPE) == CLONE_NEWNET);
  say_errno("NS_GET_PARENT of a net", ioctl(net_fd, NS_GET_PARENT));
  int user_fd = ioctl(net_fd, NS_GET_USERNS);
  say("NS_GET_USERNS gives the owner", user_fd >= 0 &&
                                           link_of("/proc/self/fd/" + std::to_string(user_fd)) == user0);
  say("NS_GET_USERNS fd is close-on-exec", user_fd >= 0 && (fcntl(user_fd, F_GETFD) & FD_CLOEXEC));
  say("NS_GET_NSTYPE is CLONE_NEWUSER", ioctl(user_fd, NS_GET_NSTYPE) == CLONE_NEWUSER);
  say_errno("NS_GET_PARENT of the initial user namespace", ioctl(user_fd, NS_GET_PARENT));
  say_errno("unknown ioctl", ioctl(net_fd, _IO(0xb7, 0x7f)));
  say_errno("setns to the user namespace one is in", setns(user_fd, CLONE_NEWUSER));
  say_errno("setns with the wrong type", setns(net_fd, CLONE_NEWUSER));

  say_errno("unshare(CLONE_NEWNET)", unshare(CLONE_NEWNET));
  const std::string net1 = link_of("/proc/self/ns/net");
  say("a new net namespace", net1 != net0 && net1.rfind("net:[", 0) == 0);
  std::fflush(stdout);  // a child must not print the parent's buffer again
  pid_t child = fork();
  if (child == 0) _exit(link_of("/proc/self/ns/net") == net1 ? 0 : 1);
  int status = 0;
  waitpid(child, &status, 0);
  say("a child is in its parent's net", WIFEXITED(status) && WEXITSTATUS(status) == 0);
  say_errno("setns back by fd", setns(net_fd, CLONE_NEWNET));
  say("back in the first net", link_of("/proc/self/ns/net") == net0);

  // A child keeps the namespaces it was forked with, whatever its parent
  // does before the child first looks.
  int go[2];
  if (pipe(go) != 0) return 1;
  std::fflush(stdout);
  child = fork();
  if (child == 0) {
    char c;
    close(go[1]);
    if (read(go[0], &c, 1) != 1) _exit(2);
    _exit(link_of("/proc/self/ns/net") == net0 ? 0 : 1);
  }
  close(go[0]);
  say_errno("unshare(CLONE_NEWNET) after a fork", unshare(CLONE_NEWNET));
  (void)!write(go[1], "g", 1);
  close(go[1]);
  waitpid(child, &status, 0);
  say("the child kept the net it was forked in", WIFEXITED(status) && WEXITSTATUS(status) == 0);
  say_errno("setns back again", setns(net_fd, CLONE_NEWNET));

  // A child cloned straight into a new net namespace, as container
  // runtimes make theirs, is in a new one.
  std::fflush(stdout);
  child = static_cast<pid_t>(syscall(SYS_clone, CLONE_NEWNET | SIGCHLD, nullptr, nullptr, nullptr, nullptr));
  if (child == 0) {
    const std::string mine = link_of("/proc/self/ns/net");
    _exit(mine != net0 && mine.rfind("net:[", 0) == 0 ? 0 : 1);
  }
  status = 0;
  waitpid(child, &status, 0);
  say("a child cloned with CLONE_NEWNET is in a new net", child > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0);
  say("its parent stayed", link_of("/proc/self/ns/net") == net0);
  // The threads of a process share one user namespace and one fs_struct:
  // with a second thread running, a new or another user namespace and
  // another mount namespace are EINVAL (check_unshare_flags,
  // userns_install, mntns_install); net is per thread.
  int child_user = -1;
  int ready[2];
  if (pipe(ready) != 0) return 1;
  std::fflush(stdout);
  child = fork();
  if (child == 0) {
    close(ready[0]);
    if (unshare(CLONE_NEWUSER) != 0) _exit(1);
    (void)!write(ready[1], "u", 1);
    pause();
    _exit(0);
  }
  close(ready[1]);
  char c;
  if (read(ready[0], &c, 1) == 1)
    child_user = open(("/proc/" + std::to_string(child) + "/ns/user").c_str(), O_RDONLY | O_CLOEXEC);
  close(ready[0]);
  const int mnt_fd = open("/proc/self/ns/mnt", O_RDONLY | O_CLOEXEC);
  int stop[2];
  if (pipe(stop) != 0) return 1;
  pthread_t second;
  pthread_create(&second, nullptr, [](void* fd) -> void* {
    char b;
    (void)!read(*static_cast<int*>(fd), &b, 1);
    return nullptr;
  }, &stop[0]);
  say_errno("with a second thread: unshare(CLONE_NEWUSER)", unshare(CLONE_NEWUSER));
  say_errno("with a second thread: setns to a child user namespace", setns(child_user, CLONE_NEWUSER));
  say_errno("with a second thread: setns to its own mount namespace", setns(mnt_fd, CLONE_NEWNS));
  say_errno("with a second thread: setns to a net namespace", setns(net_fd, CLONE_NEWNET));
  (void)!write(stop[1], "s", 1);
  pthread_join(second, nullptr);
  kill(child, SIGKILL);
  waitpid(child, nullptr, 0);
  close(child_user);
  close(mnt_fd);

  // A thread's own files (/proc/thread-self, /proc/PID/task/TID), as Go's
  // netns packages find the calling thread's namespace: its handle takes
  // the thread back after an unshare.
  std::fflush(stdout);
  pthread_create(&second, nullptr, [](void*) -> void* {
    const std::string task = "/proc/" + std::to_string(getpid()) + "/task/" + std::to_string(gettid());
    const std::string before = link_of("/proc/thread-self/ns/net");
    say("a thread's /proc/thread-self/ns/net is its process's", before == link_of("/proc/self/ns/net"));
    say("and /proc/PID/task/TID/ns/net names it too", link_of(task + "/ns/net") == before);
    const int mine = open((task + "/ns/net").c_str(), O_RDONLY | O_CLOEXEC);
    say_errno("a thread's unshare(CLONE_NEWNET)", unshare(CLONE_NEWNET));
    const std::string own = link_of("/proc/thread-self/ns/net");
    say("a new net for the thread", own != before);
    // Namespaces are per thread: the process's (its leader's) stays.
    say("its process's /proc/self/ns/net stays", link_of("/proc/self/ns/net") == before);
    say("/proc/TID/ns/net names the thread's", link_of("/proc/" + std::to_string(gettid()) + "/ns/net") == own);
    say_errno("setns back by the thread's own file", setns(mine, CLONE_NEWNET));
    say("the thread is back", link_of("/proc/thread-self/ns/net") == before);
    close(mine);
    return nullptr;
  }, nullptr);
  pthread_join(second, nullptr);

  // statfs of namespace files and generated files, as CNI's IsNSorErr
  // tells a namespace path (NSFS_MAGIC) and procfs (PROC_SUPER_MAGIC).
  auto fs_of = [](const struct statfs& sf) -> std::string {
    const std::string type = sf.f_type == 0x6e736673 ? "nsfs" : sf.f_type == 0x9fa0 ? "proc" : "other";
    return type + ", bsize " + std::to_string(sf.f_bsize) + ", namelen " + std::to_string(sf.f_namelen) +
           ((sf.f_flags & 0x20) ? ", ST_VALID" : "");
  };
  struct statfs sf {};
  std::printf("statfs /proc/self/ns/net: %s\n", statfs("/proc/self/ns/net", &sf) == 0 ? fs_of(sf).c_str() : strerrorname_np(errno));
  std::printf("fstatfs of an fd on it: %s\n", fstatfs(net_fd, &sf) == 0 ? fs_of(sf).c_str() : strerrorname_np(errno));
  const int path_fd = open("/proc/self/ns/uts", O_PATH | O_CLOEXEC);
  std::printf("fstatfs of an O_PATH fd: %s\n", fstatfs(path_fd, &sf) == 0 ? fs_of(sf).c_str() : strerrorname_np(errno));
  close(path_fd);
  std::printf("statfs of a sysctl: %s\n",
              statfs("/proc/sys/net/core/somaxconn", &sf) == 0 ? fs_of(sf).c_str() : strerrorname_np(errno));
  const int sysctl_fd = open("/proc/sys/net/core/somaxconn", O_RDWR | O_CLOEXEC);
  std::printf("fstatfs of a sysctl open for writing: %s\n",
              fstatfs(sysctl_fd, &sf) == 0 ? fs_of(sf).c_str() : strerrorname_np(errno));
  close(sysctl_fd);
  say_errno("statfs of a namespace type there is not", statfs("/proc/self/ns/nosuch", &sf));

  // The bounding set (the model's): every capability up to the last one
  // is there, EINVAL past it (libcap looks for the last one this way);
  // a drop shows (in a child, which keeps the rest of the probe's set).
  std::string bset;
  for (int cap : {0, 21, 40, 41, 63, 64, 1000}) {
    const int r = prctl(PR_CAPBSET_READ, cap, 0, 0, 0);
    bset += " " + std::to_string(cap) + "=" + (r < 0 ? strerrorname_np(errno) : std::to_string(r));
  }
  std::printf("PR_CAPBSET_READ:%s\n", bset.c_str());
  std::fflush(stdout);  // (not twice: the child would write what is buffered too)
  if (const pid_t child = fork(); child == 0) {
    std::printf("PR_CAPBSET_DROP of 21, then read: %d\n",
                prctl(PR_CAPBSET_DROP, 21, 0, 0, 0) == 0 ? prctl(PR_CAPBSET_READ, 21, 0, 0, 0) : -1);
    std::fflush(stdout);
    _exit(0);
  } else if (child > 0) {
    waitpid(child, nullptr, 0);
  }

  close(user_fd);
  close(net_fd);
  say_errno("setns on a closed fd", setns(net_fd, CLONE_NEWNET));
  return 0;
}
