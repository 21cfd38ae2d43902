// SPDX-License-Identifier: GPL-2.0-only
// nsfs: the files that stand for namespaces.
//
// Opening /proc/<pid>/ns/net gives a file whose inode is the namespace's:
// st_ino is its inode number, st_dev 0:4 (nsfs), mode 0444 regular, owner
// 0:0. The inode holds a reference to the namespace, so an open fd or a bind
// mount of it keeps the namespace alive with no task in it (the seed commit
// "ns: proc files for namespace naming policy"). Two opens of one namespace
// show the same inode number.
//
// Example:
//   #include "netns/subsys/builtin.hpp"
//   auto k = boot();
//   fs::inode_ptr f = fs::nsfs_inode::for_net(k->init_net());   // pins the net
//   fs::nsfs_inode* ns = fs::as_nsfs(*f);    // what a file refers to (nullptr: not nsfs)
//   std::string link = ns->link_text();      // "net:[4026531833]"
//
// The operations table per type (name, CLONE_NEW* type, owner; get/put are
// the references the inode holds; install is setns's) is ns_operations.
#pragma once

#include <cstdint>
#include <string>

#include "netns/core/net.hpp"
#include "netns/core/user_namespace.hpp"
#include "netns/fs/vfs.hpp"

namespace netns::fs {

// proc_ns_operations, reduced to what does not need a task: the rest
// (install, the ioctls) lives with the syscalls.
struct ns_operations {
  const char* name;    // "net", "user": the prefix of net:[N]
  unsigned long type;  // CLONE_NEWNET, CLONE_NEWUSER
};
extern const ns_operations netns_operations;
extern const ns_operations userns_operations;

class nsfs_inode final : public inode {
 public:
  static inode_ptr for_net(net& n);
  static inode_ptr for_user(user_namespace& ns);
  // nsfs inodes are S_IMMUTABLE: opening one for writing (or O_TRUNC) is EPERM.
  bool immutable() const override { return true; }

  const ns_operations& ops() const { return *ops_; }
  // Exactly one of these is set.
  net* net_ns() const { return net_.get(); }
  user_namespace* user_ns() const { return user_.get(); }
  std::uint32_t inum() const;
  std::uint64_t ns_id() const;
  // The owning user namespace (netns_owner / userns_owner: a user
  // namespace's owner is its parent).
  user_namespace* owner() const;
  // "net:[4026531833]"
  std::string link_text() const;
  result<stat_info> getattr(const access_ctx& ctx) const override;
  result<file_ptr> open(const access_ctx& ctx, int flags, inode_ptr self) override;

 private:
  explicit nsfs_inode(const ns_operations& ops) : inode(S_IFREG, 0444, true), ops_(&ops) {}
  const ns_operations* ops_;
  net_ref net_;
  user_ns_ref user_;
};

// The namespace file behind an inode, or nullptr for any other file.
inline nsfs_inode* as_nsfs(const inode& i) {
  return i.is_ns_file() ? static_cast<nsfs_inode*>(const_cast<inode*>(&i)) : nullptr;
}

}  // namespace netns::fs
