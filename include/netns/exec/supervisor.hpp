// SPDX-License-Identifier: GPL-2.0-only
// netns exec: a real, unmodified program whose namespace system calls the
// model serves, through seccomp user notification (seccomp_unotify(2)).
//
// The program runs under a seccomp filter that hands the calls below to
// this supervisor; everything else goes to the host kernel untouched and
// costs nothing. For each handled call the supervisor either answers from
// the model (the model's errno included) or lets the host kernel run it
// (SECCOMP_USER_NOTIF_FLAG_CONTINUE) when it is not the model's business.
//
//   served from the model              when
//   unshare, setns                     net and user namespaces; setns on a model file
//   open, openat                       /proc/{self,PID}/ns/* (the file is a placeholder fd)
//   readlink, readlinkat               /proc/{self,PID}/ns/*, /proc/{self,PID}/fd/N of a placeholder
//   stat family (fstat, newfstatat,    those paths, and placeholder fds
//     statx)
//   ioctl                              NS_GET_* on a placeholder fd
//   open, read (natively), write       /proc/net, /proc/PID/net, /proc/sys/{net,user}
//   mkdir, unlink, mount, getdents64   /run/netns
//   socket and its calls               NETLINK_ROUTE
//   (any call, after an exec)          the task's credentials, as an exec makes them
//
// A model file in the program is a real fd: one end of an AF_UNIX
// socketpair whose other end the supervisor keeps, so dup, fork, close and
// close-on-exec behave natively; when the program's last copy closes, the
// supervisor sees the hang-up and drops the model's file.
//
// Each program process is a task of the model, forked from the task that
// ran `exec` (or from the machine's init task). A child process the program
// forks becomes a task the first time it makes a handled call, forked from
// its parent's task, or earlier, when the thread that forked it changes
// namespaces before then: its children are made tasks first, with the
// namespaces they were forked with. (A child of another thread still takes
// the namespaces its parent has at the child's first handled call.) A
// child cloned with CLONE_NEWNET or CLONE_NEWUSER (let through to the
// host, in the sandbox) gets new model namespaces of those types: its
// real ones differ from its parent's, which only such a clone does.
// Threads share their process's task.
//
// The program runs in a mount namespace of its own (and, for a user who
// is not root, a user namespace where it is root, as in the model), so
// that mounts let through to the host stay there; docs/architecture.md
// ("exec") says what passes through.
//
// Not a security boundary: a path is read from the program's memory once
// and acted on from that copy, but a call let through to the host is
// re-read by the kernel, and another thread may change it in between.
// If the supervisor dies, handled calls fail with ENOSYS (the kernel's rule
// for a filter whose listener has closed); what it had applied stays.
//
// A world that serves several programs, one after another or at once:
// netns/exec/world.hpp (netns serve).
//
// Example:
//   #include "netns/machine/machine.hpp"
//   machine m;
//   exec_options opt;
//   opt.argv = {"readlink", "/proc/self/ns/net"};   // prints the model's net:[N]
//   auto status = run_supervised(m, m.init_task(), opt);
//   if (!status) return status.error();   // could not start (no seccomp here, ...)
//   // *status is the program's wait status (WIFEXITED, WEXITSTATUS)
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "netns/base/result.hpp"
#include "netns/machine/machine.hpp"

namespace netns {

struct exec_options {
  // PROGRAM [ARG...]; PROGRAM is looked up on PATH as execvp does (the
  // PATH of `env` when that is given).
  std::vector<std::string> argv;
  // strace-style lines for each handled call and its answer, or nullptr.
  std::FILE* trace = nullptr;
  // The program's environment ("NAME=VALUE"); empty: this process's.
  std::vector<std::string> env;
  // Where its standard output and error go (-1: this process's), and
  // whether its standard input is /dev/null rather than this process's.
  int stdout_fd = -1;
  int stderr_fd = -1;
  bool stdin_null = false;
  // Where to put the model pid of the program's first process (its task),
  // or nullptr.
  int* model_pid = nullptr;
};

// PROGRAM on the PATH of `env` ("NAME=VALUE" strings; glibc's default
// path without one), as execvp searches: a name with a slash is taken as
// it is; EACCES when only files without execute permission were found,
// ENOENT when nothing was.
result<std::string> find_program(const std::string& name, const std::vector<std::string>& env);

// Runs opt.argv as a child of this process under the model, in a task
// forked from `parent`, and serves it until it exits. Returns its wait
// status, or the errno of what failed before it could start (ENOSYS: this
// kernel has no seccomp user notification; ENOENT: no such program).
result<int> run_supervised(machine& m, task& parent, const exec_options& opt);

}  // namespace netns
