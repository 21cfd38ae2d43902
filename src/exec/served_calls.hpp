// SPDX-License-Identifier: GPL-2.0-only
// The supervisor's loop and the calls it answers for the model (the table
// in netns/exec/supervisor.hpp). One thread serves every process of one
// program, a notification at a time.
#pragma once

#include <linux/seccomp.h>
#include <poll.h>
#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <map>
#include <tuple>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "netns/base/result.hpp"
#include "netns/machine/machine.hpp"
#include "pid_ns_mirror.hpp"
#include "placeholders.hpp"
#include "proc_paths.hpp"

namespace netns::exec_detail {

// What the supervisor answers a call with.
struct reply {
  // later: nothing to answer yet (a blocking recv on an empty socket); the
  // call stays pending and is tried again as the model changes.
  enum class kind { pass, value, error, new_fd, later } what = kind::pass;
  long value = 0;
  int err = 0;
  fs::file_ptr file;  // new_fd: the model file the program gets an fd on
  bool cloexec = false;
  bool nonblock = false;  // new_fd: O_NONBLOCK on it (SOCK_NONBLOCK)
  // new_fd of a generated procfs file: what the program reads from it
  // (natively, from the placeholder), and whether its writes are the
  // model's (notified; see do_write).
  std::optional<std::string> content;
  bool writable = false;
  // new_fd of a generated file that is a file of the supervisor's FUSE
  // file system instead (no content: it is read when read).
  bool via_fuse = false;
  // new_fd of a model netlink socket (see placeholder::netlink).
  bool netlink = false;

  static reply pass() { return {}; }
  static reply later() {
    reply r;
    r.what = kind::later;
    return r;
  }
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

// For a program about to start as a child of `parent`: when parent's
// children go into a model pid namespace one level below the initial one
// (a scenario task's `unshare pid`), a real one in its state for the
// program to start in (ns_fd -1 otherwise, or where this user cannot make
// one: the program then starts in the sandbox's).
pid_ns_mirror mirror_for_children(task& parent);

class served_calls {
 public:
  static result<std::unique_ptr<served_calls>> create(machine& m, task& parent, int listener,
                                                      std::FILE* trace);
  ~served_calls();
  served_calls(const served_calls&) = delete;
  served_calls& operator=(const served_calls&) = delete;

  // The program's first process (its pidfd is ours from now on): a task
  // forked from `parent`, with the credentials an exec computes.
  // Returns the task's pid, 0 if it could not be made.
  int adopt_main(pid_t pid, int pidfd);
  // Serves until the first process has exited (it is left to reap).
  void serve_until_exit();

  // The loop in steps, for a supervisor that serves several programs in
  // one poll (netns serve): the fds to poll, appended to `fds`; then what
  // they said (the same entries, revents filled). step returns false once
  // the first process has exited.
  void add_pollfds(std::vector<pollfd>& fds);
  bool step(const pollfd* polled);
  // Whether the loop should look again soon without sleeping (it just
  // answered), and at the latest when (a pending call, 10 ms).
  bool just_answered() const { return answered_; }
  void clear_answered() { answered_ = false; }
  // A call waits for the model to change, or a netlink socket's readiness
  // might (a multicast from elsewhere): look again every 10 ms.
  bool has_pending() const { return !pending_.empty() || placeholders_.any_netlink(); }
  // How long a loop looks for the next call without sleeping after an
  // answer (measured: a served setns 28 us with none, 19 us with 50 us).
  static constexpr std::chrono::microseconds spin_after_answer{50};

  // The programs served in the same world (netns serve): /proc/PID/ns/*
  // may name one of their processes. Not owned. Their placeholders stay
  // theirs: an fd passed from one program to another with SCM_RIGHTS, or
  // /proc/PID/fd/N of another program's process, is the host's there.
  void set_world(const std::vector<served_calls*>* world) { world_ = world; }

 private:
  struct process {
    int pidfd = -1;
    // The task of the thread whose call is being served: the process's own
    // (`leader`) but during a call of a thread that has one of its own.
    std::shared_ptr<task> t;
    // The process's task: its leader thread's, and that of every thread
    // that has not changed its namespaces apart from it.
    std::shared_ptr<task> leader;
    // Threads (by tid) that did (a setns or unshare of their own): each
    // has a task, forked from the process's when it first did, and a
    // pidfd (PIDFD_THREAD) that says when it exits.
    struct thread {
      std::shared_ptr<task> t;
      int pidfd = -1;
    };
    std::map<pid_t, thread> threads;
    // The fd of the call being served, when it names a model file: where
    // with_scratch_fd looks for that file in the task first.
    int mirror_hint = -1;
    pid_t tgid = 0;
    // What it was last seen running (exe_of; all 0: not looked at).
    std::tuple<dev_t, ino_t, unsigned long> exe{};
    // Its /proc is a procfs of a pid namespace the program made (a real
    // one, whose numbers are the model's): pids in its paths are that
    // namespace's, which the model's /proc for the task resolves alike.
    bool own_proc = false;
    // It has listed the model's /proc (proc_root_getdents64): a walk of
    // the /proc/N it found may follow (program_proc_dir).
    bool listed_proc = false;
    // An unshare(CLONE_NEWUSER | CLONE_NEWPID) went on to the host: the
    // real user namespace it was in (the new one's parent), until the new
    // one's maps are written (served_calls_pid.cpp).
    int userns_parent_fd = -1;
    bool userns_maps_pending = false;
  };
  // What a process runs: its program file and where its stack starts
  // (randomised anew by every exec, so an exec of the same program shows).
  using exe_id = std::tuple<dev_t, ino_t, unsigned long>;
  static exe_id exe_of(pid_t pid);
  // Whether an exec would change p's task's capabilities or namespaces.
  static bool exec_would_change(const process& p);
  // Before a call of p's: if an exec would change its task's credentials
  // and it runs another program than when noted, it exec'd: they change.
  void settle_exec(process& p);
  // After a call the model served: notes what p runs if an exec would now
  // change its credentials (forgets it otherwise).
  void note_exe(process& p);

  served_calls(machine& m, task& parent, int listener, std::FILE* trace);
  void handle_one();
  void respond(const seccomp_notif& req, process* p, const reply& r, const std::string& call);
  reply dispatch(const seccomp_notif& req, process& p, std::string& text);
  // The process a calling thread belongs to, made a task of the model the
  // first time it calls.
  process* process_of(pid_t tid);
  // The program's process a host pid names, or nullptr (never made: a pid
  // in a path may be any host process's).
  process* known_process(pid_t pid);
  // A new process of the program: a task forked from parent_task (that of
  // its parent, ppid), or nullptr (gone, or the model's pid table full).
  process* adopt(pid_t tgid, pid_t ppid, task& parent_task);
  // This program's own process with thread-group id tgid, or nullptr.
  process* own_process(pid_t tgid);
  // The model pid of a program's process named by its host pid (or one of
  // its threads' ids), or 0.
  int program_model_pid(int host_pid);
  // That, or a task of the model by its model pid (0: neither).
  int model_pid_of(int host_pid);
  // Whether /proc/<pid> is the model's whole: pid names a task of the
  // model by its model pid and is not a program's host pid, or it names no
  // process of the world at all (classify_path's model_task).
  bool model_task_named(int pid);
  // Whether thread tid runs in a user namespace of its own on the host
  // (the sandbox of a user who is not root).
  static bool in_user_sandbox(pid_t tid);
  // Whether a host process is a program's process or a descendant of one.
  bool forked_by_program(pid_t pid);
  // The program's process (of any program of the world) whose task has
  // this model pid, or nullptr.
  process* process_of_task(int model_pid);
  // The program's process whose task is number nr in p's task's pid
  // namespace (what p's own procfs calls it), or nullptr.
  process* process_in_pid_ns(process& p, int nr);
  // The program's process a model path /proc/N/... of p names: N is the
  // model pid, or with p's own procfs (own_proc) the number in p's pid
  // namespace (process_in_pid_ns). nullptr when none.
  process* process_of_path_pid(process& p, int nr);
  // Before the model makes /proc/<N>/... for a program's process: its
  // task's comm and cmdline become the program's.
  void refresh_identity(process& p, const std::string& model_path);
  // /proc/{self,PID}/status of a program's process: the host's with the
  // model's ids, groups and capabilities.
  void merge_host_status(process& p, const std::string& model_path, std::string& content);
  void drop_process(pid_t tgid);
  // The model pid of the program's process whose host /proc/N directory
  // p's fd is open on (a fstat of it, as lsns's for a process's owner, is
  // the model's directory's), or 0.
  int program_proc_dir(process& p, int fd);
  // Every process the program's processes have forked and that has not
  // called yet becomes a task now (adopt_children, down the generations):
  // before a listing of /proc, which on the kernel has them.
  void adopt_descendants();
  // Before p's task changes namespaces: the children that the calling
  // thread tid forked and that have not called yet become tasks now, forked
  // from p's task as it still is (as the kernel's children were), rather
  // than at their first call.
  void adopt_children(process& p, pid_t tid);
  // A new child's task, forked from its parent's: new net and user
  // namespaces where the child's real ones show it was cloned with
  // CLONE_NEWNET or CLONE_NEWUSER.
  void clone_namespaces(task& child_task, pid_t child, pid_t parent);
  bool still_valid(std::uint64_t id) const;

  // Pid namespaces (served_calls_pid.cpp). Whether thread tid's real pid
  // namespace is one below the supervisor's (the program made it).
  static bool in_child_pid_ns(pid_t tid);
  // The task of the program's process tgid, forked from parent_task: its
  // pid in the model's initial pid namespace (the sandbox's, where the
  // program sees its host pids) is tgid when the model has it free, as
  // getpid, fork's result and /proc/self say; otherwise the model's next.
  result<std::shared_ptr<task>> spawn_task(task& parent_task, pid_t tgid);
  // Before a child's task is forked from parent_task: its model numbers in
  // the pid namespaces the program made are to be its real ones.
  void follow_real_pids(task& parent_task, pid_t tgid);
  // A child its parent cloned with CLONE_NEWPID (its real pid namespace is
  // not its parent's pid_for_children): before its task is forked, the
  // parent's task gets a new pid_for_children; returns the parent task's fd
  // on its old one to go back to after the fork (end_clone_newpid), or -1
  // (not such a child, or the model refused).
  int begin_clone_newpid(task& parent_task, pid_t child, pid_t parent);
  void end_clone_newpid(task& parent_task, int old_pid_ns_fd);
  // Around an unshare(CLONE_NEWUSER) the host does too: the real user
  // namespace noted before, its new one's id maps written after.
  void note_real_userns(process& p, pid_t tid);
  void map_real_userns(pid_t caller);
  int userns_maps_pending_ = 0;  // processes with userns_maps_pending
  // After the model's setns into a pid namespace (its id): the program's
  // fd becomes the real namespace that mirrors it and the host's setns goes
  // on, so that the program's children get the model's numbers.
  reply enter_real_pid_ns(const seccomp_notif& req, process& p, int fd, std::uint64_t ns_id);
  // Real pid namespaces the program made, by the id of the model's
  // namespace that mirrors them (noted as their first process calls), and
  // those made for a model namespace at a setns into it (mirror_pid_ns).
  std::map<std::uint64_t, int> real_pid_ns_;
  // A real pid namespace in the state of the model's level-1 namespace ns
  // (pid_ns_mirror.hpp), for the caller tid to enter: its fd (ours, noted
  // in real_pid_ns_), or -1.
  int mirror_pid_ns(const pid_namespace& ns, pid_t tid);
  // The real pid namespace another program of the world has for the
  // model's ns_id (netns serve), or -1: theirs, not to be closed here.
  int world_real_pid_ns(std::uint64_t ns_id) const;
  // The write ends the standing inits of those namespaces wait on.
  std::vector<int> standing_inits_;

  // The calls (served_calls_ns.cpp, served_calls_files.cpp).
  reply do_unshare(const seccomp_notif& req, process& p, std::uint64_t flags, std::string& text);
  reply do_setns(const seccomp_notif& req, process& p, int fd, int nstype, std::string& text);
  // uname, sethostname and setdomainname: the model's uts namespace.
  reply do_uname(const seccomp_notif& req, process& p, std::uint64_t buf, std::string& text);
  reply do_sethostname(const seccomp_notif& req, process& p, bool host, std::uint64_t name,
                       std::uint64_t len, std::string& text);
  reply do_open(const seccomp_notif& req, process& p, int dirfd, std::uint64_t path_addr, int flags,
                std::uint32_t mode, std::string& text);
  reply do_readlink(const seccomp_notif& req, process& p, int dirfd, std::uint64_t path_addr,
                    std::uint64_t buf, long size, std::string& text);
  // get*id, getgroups and set*id (served_calls_ids.cpp): the task's ids.
  reply do_id_call(const seccomp_notif& req, process& p, std::string& text);
  // capget, capset and the capability prctls: the task's capabilities.
  reply do_cap_call(const seccomp_notif& req, process& p, std::string& text);
  // access, faccessat, faccessat2 on the model's paths (and, with
  // AT_EMPTY_PATH, on a model fd).
  reply do_access(const seccomp_notif& req, process& p, int dirfd, std::uint64_t path_addr, int mode,
                  int flags, std::string& text);
  reply do_stat(const seccomp_notif& req, process& p, int dirfd, std::uint64_t path_addr,
                int flags, std::uint64_t buf, bool statx, std::string& text);
  // statfs and fstatfs of the model's paths and files (procfs, nsfs, the
  // world's /run): its file systems' types, sizes and mount flags.
  reply do_statfs(const seccomp_notif& req, process& p, int fd, std::uint64_t path_addr, std::uint64_t buf,
                  std::string& text);
  enum class path_call { mkdir, unlink, rmdir, umount };
  // mkdir, unlink, rmdir, umount2 on the model's paths (served_calls_dirs.cpp).
  reply do_path_call(const seccomp_notif& req, process& p, path_call what, int dirfd,
                     std::uint64_t path_addr, std::uint64_t arg, std::string& text);
  reply do_mount(const seccomp_notif& req, process& p, std::uint64_t source_addr, std::uint64_t target_addr,
                 std::uint64_t fstype_addr, std::uint64_t flags, std::string& text);
  reply do_xattr(const seccomp_notif& req, process& p, bool by_fd, int fd, std::uint64_t path_addr,
                 bool follow, bool list, std::string& text);
  reply do_getdents64(const seccomp_notif& req, process& p, int fd, std::uint64_t buf,
                      std::uint64_t count, std::string& text);
  reply proc_root_getdents64(const seccomp_notif& req, process& p, int fd, std::uint64_t buf,
                             std::uint64_t count, std::string& text);
  // The model's name for what (dirfd, path) names: an absolute path, or one
  // relative to a model directory the program has open; nullopt: the host's.
  std::optional<model_path> locate(process& p, int dirfd, const std::string& path);
  // NETLINK_ROUTE sockets (served_calls_netlink.cpp).
  reply do_socket(process& p, int family, int type, int protocol, std::string& text);
  reply do_sockopt(const seccomp_notif& req, process& p, bool set, int fd, int level, int name,
                   std::uint64_t val, std::uint64_t len_or_ptr, std::string& text);
  reply do_bind(const seccomp_notif& req, process& p, int fd, std::uint64_t addr, std::uint64_t len,
                std::string& text);
  reply do_getsockname(const seccomp_notif& req, process& p, int fd, std::uint64_t addr,
                       std::uint64_t lenp, bool peer, std::string& text);
  reply do_connect(const seccomp_notif& req, process& p, int fd, std::uint64_t addr, std::uint64_t len,
                   std::string& text);
  reply do_send(const seccomp_notif& req, process& p, int fd, std::uint64_t msg_or_buf,
                std::uint64_t len, std::uint64_t dest, std::uint64_t destlen, bool is_msg,
                std::string& text);
  reply do_recv(const seccomp_notif& req, process& p, int fd, std::uint64_t msg_or_buf,
                std::uint64_t len, int flags, std::uint64_t src, std::uint64_t srclenp, bool is_msg,
                std::string& text);
  void retry_pending();
  // A write that reached a writable placeholder without a notified call
  // (to fd 0, 1 or 2): applied to the model's file; its errno is lost.
  void apply_native_write(placeholder& open_file, const std::string& data);
  reply do_ioctl(const seccomp_notif& req, process& p, int fd, unsigned long request, std::uint64_t arg, std::string& text);
  // write and writev on an fd >= 3: the model's on a generated procfs file
  // opened for writing (a sysctl), the host's otherwise.
  reply do_write(const seccomp_notif& req, process& p, int fd, std::uint64_t buf, std::uint64_t count,
                 bool vectored, std::string& text);
  // lseek with SEEK_END, SEEK_DATA or SEEK_HOLE (the others are not
  // notified): on a memfd placeholder, where the model's file says (EINVAL
  // for a seq_file, from a size of 0 for a sysctl, from its size for a tmpfs
  // file), the program's position then moved there; the host's otherwise.
  reply do_lseek(const seccomp_notif& req, process& p, int fd, std::int64_t offset, int whence,
                 std::string& text);
  // The model file behind a program fd (a placeholder), or nullptr.
  fs::file_ptr model_file(process& p, int fd);
  // Runs f(scratch) with `file` at a scratch fd of p's task.
  template <typename F>
  auto with_scratch_fd(process& p, fs::file_ptr file, F&& f);

  bool answered_ = false;

  machine& m_;
  task& parent_;
  int listener_;  // ours once create() succeeded (closed by the destructor)
  std::FILE* trace_;
  seccomp_notif* req_ = nullptr;
  seccomp_notif_resp* resp_ = nullptr;
  pid_t main_pid_ = 0;
  std::map<pid_t, process> procs_;  // by tgid
  // What the last add_pollfds appended: pidfds of these processes after the
  // listener, then placeholders_' kept ends.
  std::vector<pid_t> polled_procs_;
  std::size_t polled_placeholders_ = 0;
  bool polled_fuse_ = false;  // and then the FUSE device
  const std::vector<served_calls*>* world_ = nullptr;
  std::vector<seccomp_notif> pending_;  // calls answered later, oldest first
  placeholder_table placeholders_;
  // The FUSE file system of this program's generated files, mounted at the
  // first one (fuse_usable); its requests (fuse_read and friends).
  bool fuse_usable(process& p);
  result<std::string> fuse_read(std::uint64_t node, std::uint64_t offset, std::uint32_t size);
  result<std::size_t> fuse_write(std::uint64_t node, std::uint64_t offset, std::string_view data);
  void fuse_release(std::uint64_t node);
  // Threads with tasks of their own (process::threads): a thread's first
  // setns or unshare gives it one, as the kernel's threads each have their
  // namespaces; the calls of such a thread are served with its task
  // (with_thread_task), its exit drops it (drop_threads_gone).
  void give_thread_its_task(process& p, pid_t tid);
  // What /proc/TGID/task/TID/children lists: the thread's children.
  static std::vector<pid_t> children_of(pid_t tgid, pid_t tid);
  template <typename F>
  auto with_thread_task(process& p, pid_t tid, F&& f);
  void drop_threads_gone(process& p);
  // Every task of the process: its own, then its threads'.
  static std::vector<task*> tasks_of(process& p);
  // The thread task of host tid, if some process has one for it.
  task* thread_task_of(pid_t tid);
  // A process whose task has the file at one of the program's numbers for
  // it (with its mirror_hint there), or else the first process; nullptr
  // when none is left.
  process* holder_of(placeholder& open_file);
  // The program closed its last fd on `gone`: the model tasks' copies at
  // the same numbers go too, and with them the model's file.
  void forget_closed(const placeholder& gone);
  // Each model netlink socket's placeholder polls readable exactly while
  // the model's socket has a datagram queued (see placeholder::netlink).
  void sync_netlink_readiness();
  // Bytes a program wrote natively to a netlink socket (write(2), at fd 0-2
  // or let through): a request to the model's, as the kernel's
  // netlink_sendmsg takes a write.
  void apply_native_send(placeholder& open_file, const std::string& data);
  fuse_files fuse_{fuse_files::ops{
      [this](std::uint64_t n, std::uint64_t off, std::uint32_t size) { return fuse_read(n, off, size); },
      [this](std::uint64_t n, std::uint64_t off, std::string_view d) { return fuse_write(n, off, d); },
      [this](std::uint64_t n) { fuse_release(n); }}};
};

template <typename F>
auto served_calls::with_thread_task(process& p, pid_t tid, F&& f) {
  // Most processes have no thread with a task of its own: nothing to swap.
  if (p.threads.empty() && p.t == p.leader) return f();
  auto it = tid == p.tgid ? p.threads.end() : p.threads.find(tid);
  struct restore_task {
    process& p;
    std::shared_ptr<task> was;
    ~restore_task() { p.t = std::move(was); }
  } restore{p, p.t};
  p.t = it != p.threads.end() ? it->second.t : p.leader;
  return f();
}

template <typename F>
auto served_calls::with_scratch_fd(process& p, fs::file_ptr file, F&& f) {
  using R = decltype(f(0));  // a result<T>
  // Usually the model task has the file already, at the program's number
  // for it (respond puts it there): any fd of the task on it will do, and
  // closing a scratch fd costs the fd table a membarrier.
  if (file.get() == p.t->fd_peek_own(p.mirror_hint)) return R(f(p.mirror_hint));
  auto fd = p.t->fd_install(std::move(file));
  if (!fd) return R(fd.error());
  R r = f(*fd);
  (void)p.t->fd_close(*fd);
  return r;
}

}  // namespace netns::exec_detail
