// SPDX-License-Identifier: GPL-2.0-only
// Pidfds: pidfd_open and the file it makes.
#include "netns/task/pidfd.hpp"

#include <fcntl.h>
#include <sys/stat.h>

#include <cerrno>

#include "netns/task/pid_table.hpp"

namespace netns {

namespace {

// The pidfs inode of a task: a regular file nobody can open by path.
class pidfd_inode final : public fs::inode {
 public:
  explicit pidfd_inode(std::shared_ptr<task> t) : inode(S_IFREG, 0600), task_(std::move(t)) {}
  result<fs::stat_info> getattr(const fs::access_ctx&) const override {
    fs::stat_info st;
    st.ino = static_cast<std::uint64_t>(task_->pid());
    st.mode = S_IFREG | 0600;
    st.size = 0;
    return st;
  }
  result<fs::file_ptr> open(const fs::access_ctx&, int, fs::inode_ptr) override {
    return errc{ENXIO};
  }
  const std::shared_ptr<task>& target() const { return task_; }

 private:
  std::shared_ptr<task> task_;
};

}  // namespace

std::shared_ptr<task> pidfd_task(const fs::file& f) {
  auto* p = dynamic_cast<const pidfd_inode*>(f.node().get());
  return p ? p->target() : nullptr;
}

result<int> sys_pidfd_open(task& t, int pid, unsigned flags) {
  if (flags & ~static_cast<unsigned>(O_NONBLOCK | O_EXCL)) return errc{EINVAL};
  if (pid <= 0) return errc{EINVAL};
  std::shared_ptr<task> target = t.owner().find_task_in_ns(t.active_pid_ns(), pid);
  if (!target) return errc{ESRCH};
  auto node = std::make_shared<pidfd_inode>(std::move(target));
  auto f = std::make_shared<fs::file>(node, O_RDWR | O_CLOEXEC | static_cast<int>(flags));
  f->set_path("anon_inode:[pidfd]");
  return t.fd_install(std::move(f), true);
}

}  // namespace netns
