// SPDX-License-Identifier: GPL-2.0-only
// The RTM_*NSID handlers (net_namespace.c: rtnl_net_newid, rtnl_net_getid,
// rtnl_net_dumpid, rtnl_net_notifyid) and rtnetlink's message table.
#include <linux/net_namespace.h>
#include <linux/rtnetlink.h>

#include <array>
#include <cerrno>

#include "netns/base/rcu.hpp"
#include "netns/core/capability.hpp"
#include "netns/core/kernel.hpp"
#include "netns/core/nsid.hpp"
#include "netns/task/pid_table.hpp"
#include "netns/task/syscalls.hpp"
#include "rtnl_handlers.hpp"

namespace netns::netlink {

namespace {

// rtnl_net_policy.
constexpr std::array<nla_policy, NETNSA_MAX + 1> rtnl_net_policy = {{
    {nla_type::unspec},  // NETNSA_NONE
    {nla_type::s32},     // NETNSA_NSID
    {nla_type::u32},     // NETNSA_PID
    {nla_type::u32},     // NETNSA_FD
    {nla_type::s32},     // NETNSA_TARGET_NSID
    {nla_type::unspec},  // NETNSA_CURRENT_NSID (not in the kernel's policy)
}};

using attr_table = std::array<const nlattr*, NETNSA_MAX + 1>;

// rtnl_net_get_size: rtgenmsg and two s32 attributes.
constexpr std::size_t nsid_msg_size = NLMSG_ALIGN(NLMSG_LENGTH(NLMSG_ALIGN(sizeof(rtgenmsg)) +
                                                               2 * NLA_ALIGN(NLA_HDRLEN + 4)));

struct fill_args {
  std::uint32_t portid = 0;
  std::uint32_t seq = 0;
  std::uint16_t flags = 0;
  std::uint16_t cmd = RTM_NEWNSID;
  int nsid = 0;
  bool add_ref = false;
  int ref_nsid = 0;
};

// rtnl_net_fill.
void rtnl_net_fill(nl_builder& b, const fill_args& a) {
  b.put_header(a.cmd, a.flags, a.seq, a.portid);
  b.put_rtgenmsg(AF_UNSPEC);
  b.put_s32(NETNSA_NSID, a.nsid);
  if (a.add_ref) b.put_s32(NETNSA_CURRENT_NSID, a.ref_nsid);
}

// The peer a request names by PID or FD (in that order), with the errors
// of the kernel's get_net_ns_by_pid / get_net_ns_by_fd. A peer named by an
// fd of the requesting task needs no reference of its own: the fd holds
// one, and only this task (busy with this request) could close it.
struct peer_ref {
  net* peer = nullptr;
  net_ref keep;
  errc err{EINVAL};
  const nlattr* nla = nullptr;
  explicit operator bool() const { return peer != nullptr; }
};

peer_ref peer_by_pid_or_fd(task& current, const attr_table& tb) {
  peer_ref p;
  if (tb[NETNSA_PID]) {
    p.nla = tb[NETNSA_PID];
    auto n = get_net_ns_by_vpid(current, static_cast<int>(attr_u32(tb[NETNSA_PID])));
    if (!n) {
      p.err = n.code();
    } else {
      p.keep = std::move(*n);
      p.peer = p.keep.get();
    }
  } else if (tb[NETNSA_FD]) {
    p.nla = tb[NETNSA_FD];
    auto n = peek_net_ns_by_fd(current, static_cast<int>(attr_u32(tb[NETNSA_FD])));
    if (!n) p.err = n.code();
    else p.peer = *n;
  }
  return p;
}

int rtnl_net_newid(netlink_sock& sk, task& current, const nlmsghdr* nlh, ext_ack& extack) {
  net& n = sk.sock_net();
  attr_table tb{};
  if (auto r = parse_attrs(nlh, sizeof(rtgenmsg), rtnl_net_policy, false, extack, tb); !r)
    return -r.code().value;
  if (!tb[NETNSA_NSID]) {
    extack.set("nsid is missing");
    return -EINVAL;
  }
  const int nsid = attr_s32(tb[NETNSA_NSID]);
  if (!tb[NETNSA_PID] && !tb[NETNSA_FD]) {
    extack.set("Peer netns reference is missing");
    return -EINVAL;
  }
  peer_ref p = peer_by_pid_or_fd(current, tb);
  if (!p) {
    extack.set_attr(p.nla, "Peer netns reference is invalid");
    return -p.err.value;
  }
  auto port = sk.portid();
  auto r = nsid_assign(n, *p.peer, nsid, port ? *port : 0, nlh);
  if (r) return 0;
  if (r.code() == errc{EEXIST}) {
    extack.set_attr(p.nla, "Peer netns already has a nsid assigned");
    return -EEXIST;
  }
  if (r.code() == errc{ENOSPC} && nsid >= 0) {
    extack.set_attr(tb[NETNSA_NSID], "The specified nsid is already used");
    return -EEXIST;
  }
  return -r.code().value;
}

// rtnl_net_valid_getid_req.
result<void> valid_getid_req(const netlink_sock& sk, const nlmsghdr* nlh, attr_table& tb,
                             ext_ack& extack) {
  if (!sk.strict_chk) return parse_attrs(nlh, sizeof(rtgenmsg), rtnl_net_policy, false, extack, tb);
  if (auto r = parse_attrs(nlh, sizeof(rtgenmsg), rtnl_net_policy, true, extack, tb); !r) return r;
  for (int i = 0; i <= NETNSA_MAX; ++i) {
    if (!tb[i]) continue;
    switch (i) {
      case NETNSA_PID:
      case NETNSA_FD:
      case NETNSA_NSID:
      case NETNSA_TARGET_NSID:
        break;
      default:
        extack.set("Unsupported attribute in peer netns getid request");
        return errc{EINVAL};
    }
  }
  return ok();
}

int rtnl_net_getid(netlink_sock& sk, task& current, const nlmsghdr* nlh, ext_ack& extack) {
  net& n = sk.sock_net();
  attr_table tb{};
  if (auto r = valid_getid_req(sk, nlh, tb, extack); !r) return -r.code().value;

  peer_ref p;
  if (tb[NETNSA_PID] || tb[NETNSA_FD]) {
    p = peer_by_pid_or_fd(current, tb);
  } else if (tb[NETNSA_NSID]) {
    p.nla = tb[NETNSA_NSID];
    p.keep = get_net_ns_by_id(n, attr_s32(tb[NETNSA_NSID]));
    p.peer = p.keep.get();
    p.err = errc{ENOENT};
  } else {
    extack.set("Peer netns reference is missing");
    return -EINVAL;
  }
  if (!p) {
    extack.set_attr(p.nla, "Peer netns reference is invalid");
    return -p.err.value;
  }
  net& peer = *p.peer;

  auto port = sk.portid();
  fill_args args;
  args.portid = port ? *port : 0;
  args.seq = nlh->nlmsg_seq;
  net_ref target_ref;
  net* target = &n;
  if (tb[NETNSA_TARGET_NSID]) {
    auto t = rtnl_get_net_ns_capable(sk, current, attr_s32(tb[NETNSA_TARGET_NSID]));
    if (!t) {
      extack.set_attr(tb[NETNSA_TARGET_NSID], "Target netns reference is invalid");
      return -t.code().value;
    }
    target_ref = std::move(*t);
    target = target_ref.get();
    args.add_ref = true;
    args.ref_nsid = peernet2id(n, peer);
  }
  args.nsid = peernet2id(*target, peer);
  nl_builder b(nsid_msg_size);
  rtnl_net_fill(b, args);
  // rtnl_unicast: a full receive queue loses the reply (and reports it).
  return sk.deliver_owned(b.finish()) ? 0 : -EAGAIN;
}

// rtnl_valid_dump_net_req, for a strict socket: TARGET_NSID switches the
// dump to that net's table, with each peer's id in the socket's net.
int valid_dump_req(netlink_sock& sk, task& current, const nlmsghdr* nlh, ext_ack& extack,
                   net_ref& target) {
  attr_table tb{};
  if (auto r = parse_attrs(nlh, sizeof(rtgenmsg), rtnl_net_policy, true, extack, tb); !r)
    return -r.code().value;
  for (int i = 0; i <= NETNSA_MAX; ++i) {
    if (!tb[i]) continue;
    if (i == NETNSA_TARGET_NSID) {
      auto t = rtnl_get_net_ns_capable(sk, current, attr_s32(tb[i]));
      if (!t) {
        extack.set_attr(tb[i], "Invalid target network namespace id");
        return -t.code().value;
      }
      target = std::move(*t);
    } else {
      extack.set_attr(tb[i], "Unsupported attribute in dump request");
      return -EINVAL;
    }
  }
  return 0;
}

int rtnl_net_dumpid(netlink_sock& sk, task& current, dump_state& cb, nl_builder& out,
                    std::size_t room, ext_ack& extack) {
  const auto* nlh = reinterpret_cast<const nlmsghdr*>(cb.request.data());
  net_ref target;
  if (cb.strict) {
    if (int err = valid_dump_req(sk, current, nlh, extack, target); err < 0) return err;
  }
  net& ref = sk.sock_net();
  net& tgt = target ? *target : ref;
  auto port = sk.portid();
  fill_args args;
  args.portid = port ? *port : 0;
  args.seq = nlh->nlmsg_seq;
  args.flags = NLM_F_MULTI;
  args.add_ref = static_cast<bool>(target);
  rcu::read_guard g;  // the peers stay allocated while we look at them
  long idx = cb.args0;
  // At most what one part can hold (a plain entry is the smallest), so a
  // part copies no more of a large table than it sends.
  constexpr std::size_t min_entry =
      NLMSG_ALIGN(NLMSG_LENGTH(NLMSG_ALIGN(sizeof(rtgenmsg)) + NLA_ALIGN(NLA_HDRLEN + 4)));
  nsid_cursor at{static_cast<std::size_t>(cb.args0), cb.last_id, cb.version};
  for (const nsid_entry& e : nsid_list_resume(tgt, at, room / min_entry + 1)) {
    args.nsid = e.id;
    if (args.add_ref) args.ref_nsid = peernet2id(ref, *e.peer);
    rtnl_net_fill(out, args);
    if (out.size() > room) {  // EMSGSIZE: this entry starts the next part
      out.cancel();
      break;
    }
    ++idx;
    cb.last_id = e.id;
  }
  cb.args0 = idx;
  cb.version = at.version;
  return static_cast<int>(out.size());
}

constexpr rtnl_handlers newnsid{rtnl_net_newid, nullptr};
constexpr rtnl_handlers getnsid{rtnl_net_getid, rtnl_net_dumpid};

}  // namespace

const rtnl_handlers* rtnl_get_link(int type) {
  switch (type) {
    case RTM_NEWNSID:
      return &newnsid;
    case RTM_GETNSID:
      return &getnsid;
    case RTM_NEWLINK:
    case RTM_DELLINK:
    case RTM_GETLINK:
      return rtnl_link_handlers(type);
    default:
      return nullptr;
  }
}

// rtnl_net_notifyid: to the RTNLGRP_NSID listeners of the net that owns
// the table; with NLM_F_ECHO in the request, to the requester instead of
// as one of them (nlmsg_notify's report).
void rtnl_net_notifyid(const nsid_event& e) {
  fill_args args;
  args.cmd = static_cast<std::uint16_t>(e.cmd);
  args.nsid = e.id;
  args.portid = e.portid;
  args.seq = e.request ? e.request->nlmsg_seq : 0;
  nl_builder b(nsid_msg_size);
  rtnl_net_fill(b, args);
  auto bytes = b.finish();
  const bool report = e.request && (e.request->nlmsg_flags & NLM_F_ECHO);
  e.owner.rtnl.multicast(RTNLGRP_NSID, bytes, report ? e.portid : 0);
  if (report) e.owner.rtnl.unicast(e.portid, bytes);
}

// rtnl_get_net_ns_capable: the net with id `id` in the socket's net, if
// both the socket's opener and the caller have CAP_NET_ADMIN over it.
result<net_ref> rtnl_get_net_ns_capable(const netlink_sock& sk, const task& current, int id) {
  net_ref n = get_net_ns_by_id(sk.sock_net(), id);
  if (!n) return errc{EINVAL};
  if (!sk_ns_capable(sk, current, n->user_ns(), CAP_NET_ADMIN)) return errc{EACCES};
  return n;
}

bool sk_ns_capable(const netlink_sock& sk, const task& current, const user_namespace& ns, int cap) {
  return ns_capable(sk.opener(), ns, cap) && ns_capable(current.creds(), ns, cap);
}

bool netlink_net_capable(const netlink_sock& sk, const task& current, int cap) {
  return sk_ns_capable(sk, current, sk.sock_net().user_ns(), cap);
}

}  // namespace netns::netlink
