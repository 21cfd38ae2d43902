// SPDX-License-Identifier: GPL-2.0-only
// The supervisor's loop and the calls it answers for the model (the table
// in netns/exec/supervisor.hpp). One thread serves every process of one
// program, a notification at a time.
#pragma once

#include <linux/seccomp.h>
#include <sys/types.h>

#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <string>

#include "netns/base/result.hpp"
#include "netns/machine/machine.hpp"
#include "placeholders.hpp"

namespace netns::exec_detail {

// What the supervisor answers a call with.
struct reply {
  enum class kind { pass, value, error, new_fd } what = kind::pass;
  long value = 0;
  int err = 0;
  fs::file_ptr file;  // new_fd: the model file the program gets an fd on
  bool cloexec = false;

  static reply pass() { return {}; }
  static reply ok(long v) {
    reply r;
    r.what = kind::value;
    r.value = v;
    return r;
  }
  static reply fail(int e) {
    reply r;
    r.what = kind::error;
    r.err = e;
    return r;
  }
  static reply fail(errc e) { return fail(e.value); }
  static reply fail(const failure& f) { return fail(f.errnum()); }
  static reply fd(fs::file_ptr f, bool cloexec) {
    reply r;
    r.what = kind::new_fd;
    r.file = std::move(f);
    r.cloexec = cloexec;
    return r;
  }
};

class served_calls {
 public:
  static result<std::unique_ptr<served_calls>> create(machine& m, task& parent, int listener,
                                                      std::FILE* trace);
  ~served_calls();
  served_calls(const served_calls&) = delete;
  served_calls& operator=(const served_calls&) = delete;

  // The program's first process (its pidfd is ours from now on): a task
  // forked from `parent`, with the credentials an exec computes.
  void adopt_main(pid_t pid, int pidfd);
  // Serves until the first process has exited (it is left to reap).
  void serve_until_exit();

 private:
  struct process {
    int pidfd = -1;
    std::shared_ptr<task> t;
  };

  served_calls(machine& m, task& parent, int listener, std::FILE* trace);
  void handle_one();
  void respond(const seccomp_notif& req, const reply& r, const std::string& call);
  reply dispatch(const seccomp_notif& req, process& p, std::string& text);
  process* process_of(pid_t tid);
  int model_pid_of(int host_pid);
  void drop_process(pid_t tgid);
  bool still_valid(std::uint64_t id) const;

  // The calls (served_calls_ns.cpp, served_calls_files.cpp).
  reply do_unshare(process& p, std::uint64_t flags, std::string& text);
  reply do_setns(process& p, int fd, int nstype, std::string& text);
  reply do_open(const seccomp_notif& req, process& p, int dirfd, std::uint64_t path_addr, int flags,
                std::uint32_t mode, std::string& text);
  reply do_readlink(const seccomp_notif& req, process& p, int dirfd, std::uint64_t path_addr,
                    std::uint64_t buf, long size, std::string& text);
  reply do_stat(const seccomp_notif& req, process& p, int dirfd, std::uint64_t path_addr,
                int flags, std::uint64_t buf, bool statx, std::string& text);
  reply do_ioctl(const seccomp_notif& req, process& p, int fd, unsigned long request, std::uint64_t arg, std::string& text);
  // The model file behind a program fd (a placeholder), or nullptr.
  fs::file_ptr model_file(process& p, int fd) const;
  // Runs f(scratch) with `file` at a scratch fd of p's task.
  template <typename F>
  auto with_scratch_fd(process& p, fs::file_ptr file, F&& f);

  machine& m_;
  task& parent_;
  int listener_;
  std::FILE* trace_;
  seccomp_notif* req_ = nullptr;
  seccomp_notif_resp* resp_ = nullptr;
  pid_t main_pid_ = 0;
  std::map<pid_t, process> procs_;  // by tgid
  placeholder_table placeholders_;
};

template <typename F>
auto served_calls::with_scratch_fd(process& p, fs::file_ptr file, F&& f) {
  using R = decltype(f(0));  // a result<T>
  auto fd = p.t->fd_install(std::move(file));
  if (!fd) return R(fd.error());
  R r = f(*fd);
  (void)p.t->fd_close(*fd);
  return r;
}

}  // namespace netns::exec_detail
