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
//   const ns_operations& ops = ns->ops();     // netns_operations: setns, NS_GET_* go through it
//
// The inode is the same for every namespace type: it holds an ns_ref and
// asks the type's ns_operations (core/ns_common.hpp) for the rest.
#pragma once

#include <cstdint>
#include <string>

#include "netns/core/net.hpp"
#include "netns/core/user_namespace.hpp"
#include "netns/fs/vfs.hpp"

namespace netns::fs {

class nsfs_inode final : public inode {
 public:
  // The file for a namespace of any type (ns_get_path): pins it.
  static inode_ptr for_ns(ns_common& ns);
  // The same, taking over the caller's reference.
  static inode_ptr for_ns(ns_ref ns);
  static inode_ptr for_net(net& n) { return for_ns(n.ns()); }
  static inode_ptr for_user(user_namespace& ns) { return for_ns(ns.ns()); }
  // nsfs inodes are S_IMMUTABLE: opening one for writing (or O_TRUNC) is EPERM.
  bool immutable() const override { return true; }

  ns_common& ns() const { return *ns_; }
  const ns_operations& ops() const { return *ns_->ops; }
  // The namespace as its own type, or nullptr when it is of another type.
  net* net_ns() const { return ops().type == CLONE_NEWNET ? &to_net_ns(*ns_) : nullptr; }
  user_namespace* user_ns() const {
    return ops().type == CLONE_NEWUSER ? &to_user_ns(*ns_) : nullptr;
  }
  std::uint32_t inum() const { return ns_->inum; }
  std::uint64_t ns_id() const { return ns_->ns_id; }
  // The owning user namespace (ops->owner: a user namespace's is its parent).
  user_namespace* owner() const { return ops().owner(*ns_); }
  // "net:[4026531833]"
  std::string link_text() const;
  result<stat_info> getattr(const access_ctx& ctx) const override;
  result<file_ptr> open(const access_ctx& ctx, int flags, inode_ptr self) override;

 private:
  explicit nsfs_inode(ns_ref ns) : inode(S_IFREG, 0444, true), ns_(std::move(ns)) {}
  ns_ref ns_;
};

inline nsfs_inode* as_nsfs(const inode& i) {
  return i.is_ns_file() ? static_cast<nsfs_inode*>(const_cast<inode*>(&i)) : nullptr;
}

}  // namespace netns::fs
