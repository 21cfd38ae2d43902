// SPDX-License-Identifier: GPL-2.0-only
// The RTM_*LINK handlers (net/core/rtnetlink.c: rtnl_getlink,
// rtnl_dump_ifinfo, rtnl_newlink with do_setlink and rtnl_newlink_create,
// rtnl_dellink), with the kernel's request checks, errno and extack.
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <initializer_list>
#include <optional>

#include <libmnl/libmnl.h>

#include "link_fill.hpp"
#include "netns/core/capability.hpp"
#include "netns/core/dev.hpp"
#include "netns/core/kernel.hpp"
#include "netns/core/nsid.hpp"
#include "netns/subsys/veth.hpp"
#include "netns/task/syscalls.hpp"
#include "rtnl_handlers.hpp"

namespace netns::netlink {

namespace {

// IFLA_MAX of the reference kernel (IFLA_TAILROOM).
constexpr int IFLA_MAX_ = 69;
using link_tb = std::array<const nlattr*, IFLA_MAX_ + 1>;

// ifla_policy, as far as attribute lengths go (strings, binaries and nests
// have no minimum).
constexpr std::array<nla_policy, IFLA_MAX_ + 1> make_ifla_policy() {
  std::array<nla_policy, IFLA_MAX_ + 1> p{};
  for (int t : std::initializer_list<int>{IFLA_MTU, IFLA_LINK, IFLA_MASTER, IFLA_TXQLEN, IFLA_WEIGHT, IFLA_NET_NS_PID,
                IFLA_NET_NS_FD, IFLA_EXT_MASK, IFLA_PROMISCUITY, IFLA_NUM_TX_QUEUES,
                IFLA_NUM_RX_QUEUES, IFLA_GSO_MAX_SEGS, IFLA_GSO_MAX_SIZE, IFLA_CARRIER_CHANGES,
                IFLA_EVENT, IFLA_GROUP, IFLA_CARRIER_UP_COUNT, IFLA_CARRIER_DOWN_COUNT,
                IFLA_MIN_MTU, IFLA_MAX_MTU, IFLA_GRO_MAX_SIZE, int{63}, int{64}})
    p[static_cast<std::size_t>(t)] = {nla_type::u32};
  for (int t : std::initializer_list<int>{IFLA_LINK_NETNSID, IFLA_TARGET_NETNSID, IFLA_NEW_NETNSID, IFLA_NEW_IFINDEX})
    p[static_cast<std::size_t>(t)] = {nla_type::s32};
  for (int t : std::initializer_list<int>{IFLA_CARRIER, IFLA_OPERSTATE, IFLA_LINKMODE, IFLA_PROTO_DOWN})
    p[static_cast<std::size_t>(t)] = {nla_type::u8};
  return p;
}
constexpr auto ifla_policy = make_ifla_policy();

// The attributes nested in `nest`, each handed to f (mnl_attr_for_each_nested).
template <class F>
void for_each_nested(const nlattr* nest, F f) {
  const auto* end = static_cast<const char*>(mnl_attr_get_payload(nest)) + mnl_attr_get_payload_len(nest);
  for (const auto* a = static_cast<const nlattr*>(mnl_attr_get_payload(nest));
       mnl_attr_ok(a, static_cast<int>(end - reinterpret_cast<const char*>(a))); a = mnl_attr_next(a))
    f(a);
}

std::uint32_t port_of(netlink_sock& sk) {
  auto p = sk.portid();
  return p ? *p : 0;
}

// nla_strscpy into IFNAMSIZ: at most 15 bytes, up to a NUL.
std::string attr_ifname(const nlattr* a) {
  const char* s = static_cast<const char*>(mnl_attr_get_payload(a));
  const std::size_t len = mnl_attr_get_payload_len(a);
  return std::string(s, strnlen(s, std::min<std::size_t>(len, IFNAMSIZ - 1)));
}

// The attributes after an ifinfomsg of `len` bytes at `data` (a nested
// VETH_INFO_PEER: rtnl_nla_parse_ifinfomsg), into tb.
result<void> parse_nested_ifinfomsg(const nlattr* nla, ext_ack& extack, link_tb& tb) {
  const std::size_t len = mnl_attr_get_payload_len(nla);
  if (len < sizeof(ifinfomsg)) return errc{EINVAL};
  // Build a header in front so parse_attrs can walk it as a message.
  std::vector<std::uint32_t> buf((NLMSG_HDRLEN + len + 3) / 4 + 1);
  auto* h = reinterpret_cast<nlmsghdr*>(buf.data());
  h->nlmsg_len = static_cast<std::uint32_t>(NLMSG_HDRLEN + len);
  std::memcpy(reinterpret_cast<std::uint8_t*>(h) + NLMSG_HDRLEN, mnl_attr_get_payload(nla), len);
  ext_ack scratch;  // offsets would point into the copy
  auto r = parse_attrs(h, sizeof(ifinfomsg), ifla_policy, false, scratch, tb);
  extack.msg = scratch.msg;
  if (!r) return r;
  // Keep the copy alive: point the table into the request instead.
  const auto* base = static_cast<const std::uint8_t*>(mnl_attr_get_payload(nla));
  for (auto& a : tb) {
    if (!a) continue;
    const auto off = reinterpret_cast<const std::uint8_t*>(a) - reinterpret_cast<std::uint8_t*>(h) -
                     NLMSG_HDRLEN;
    a = reinterpret_cast<const nlattr*>(base + off);
  }
  return ok();
}

const ifinfomsg* ifm_of(const nlmsghdr* nlh) {
  return static_cast<const ifinfomsg*>(mnl_nlmsg_get_payload(nlh));
}

// rtnl_ensure_unique_netns.
int ensure_unique_netns(const link_tb& tb, ext_ack& extack, bool netns_id_only) {
  if (netns_id_only) {
    if (!tb[IFLA_NET_NS_PID] && !tb[IFLA_NET_NS_FD]) return 0;
    extack.set("specified netns attribute not supported");
    return -EOPNOTSUPP;
  }
  const int n = !!tb[IFLA_TARGET_NETNSID] + !!tb[IFLA_NET_NS_PID] + !!tb[IFLA_NET_NS_FD];
  if (n > 1) {
    extack.set("multiple netns identifying attributes specified");
    return -EINVAL;
  }
  return 0;
}

// A net a request names, with its reference (or the socket's own net).
struct net_pick {
  net* n = nullptr;
  net_ref keep;
};

// rtnl_link_get_net_by_nlattr: PID, FD or TARGET_NETNSID, else `src`.
result<net_pick> link_get_net_by_nlattr(task& current, net& src, const link_tb& tb) {
  net_pick p;
  if (tb[IFLA_NET_NS_PID]) {
    auto n = get_net_ns_by_vpid(current, static_cast<int>(attr_u32(tb[IFLA_NET_NS_PID])));
    if (!n) return n.error();
    p.keep = std::move(*n);
    p.n = p.keep.get();
  } else if (tb[IFLA_NET_NS_FD]) {
    auto n = peek_net_ns_by_fd(current, static_cast<int>(attr_u32(tb[IFLA_NET_NS_FD])));
    if (!n) return n.error();
    p.n = *n;
  } else if (tb[IFLA_TARGET_NETNSID]) {
    p.keep = get_net_ns_by_id(src, attr_s32(tb[IFLA_TARGET_NETNSID]));
    if (!p.keep) return errc{EINVAL};
    p.n = p.keep.get();
  } else {
    p.n = &src;
  }
  return p;
}

// rtnl_link_get_net_capable: the same, with CAP_NET_ADMIN over it.
result<net_pick> link_get_net_capable(netlink_sock& sk, task& current, const link_tb& tb) {
  auto p = link_get_net_by_nlattr(current, sk.sock_net(), tb);
  if (!p) return p;
  if (!sk_ns_capable(sk, current, p->n->user_ns(), CAP_NET_ADMIN)) return errc{EPERM};
  return p;
}

// rtnl_dev_get: by IFLA_IFNAME (or IFLA_ALT_IFNAME, which the model's
// devices never have).
net_device* rtnl_dev_get(net& n, const link_tb& tb) {
  if (tb[IFLA_IFNAME]) return dev_get_by_name(n, attr_ifname(tb[IFLA_IFNAME]));
  return nullptr;
}

unsigned combine_flags(const net_device& dev, const ifinfomsg& ifm) {
  return dev_combine_flags(dev, ifm.ifi_flags, ifm.ifi_change);
}

int fail_with(ext_ack& extack, const failure& f) {
  if (f.message) extack.set(f.message);
  return -f.code.value;
}

// ---- RTM_GETLINK ------------------------------------------------------------

int rtnl_getlink(netlink_sock& sk, task& current, const nlmsghdr* nlh, ext_ack& extack) {
  if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(ifinfomsg))) {
    extack.set("Invalid header for get link");
    return -EINVAL;
  }
  link_tb tb{};
  const ifinfomsg& ifm = *ifm_of(nlh);
  if (sk.strict_chk) {
    if (ifm.__ifi_pad || ifm.ifi_type || ifm.ifi_flags || ifm.ifi_change) {
      extack.set("Invalid values in header for get link request");
      return -EINVAL;
    }
    if (auto r = parse_attrs(nlh, sizeof(ifinfomsg), ifla_policy, true, extack, tb); !r)
      return -r.code().value;
    for (int i = 0; i <= IFLA_MAX_; ++i) {
      if (!tb[i]) continue;
      if (i != IFLA_IFNAME && i != IFLA_ALT_IFNAME && i != IFLA_EXT_MASK && i != IFLA_TARGET_NETNSID) {
        extack.set("Unsupported attribute in get link request");
        return -EINVAL;
      }
    }
  } else if (auto r = parse_attrs(nlh, sizeof(ifinfomsg), ifla_policy, false, extack, tb); !r) {
    return -r.code().value;
  }
  if (int e = ensure_unique_netns(tb, extack, true)) return e;
  net& n = sk.sock_net();
  net_ref tgt_ref;
  net* tgt = &n;
  int netnsid = -1;
  if (tb[IFLA_TARGET_NETNSID]) {
    netnsid = attr_s32(tb[IFLA_TARGET_NETNSID]);
    auto t = rtnl_get_net_ns_capable(sk, current, netnsid);
    if (!t) return -t.code().value;
    tgt_ref = std::move(*t);
    tgt = tgt_ref.get();
  }
  lock_guard rtnl(n.owner_kernel().rtnl());
  net_device* dev = nullptr;
  if (ifm.ifi_index > 0) dev = dev_get_by_index(*tgt, ifm.ifi_index);
  else if (tb[IFLA_IFNAME] || tb[IFLA_ALT_IFNAME]) dev = rtnl_dev_get(*tgt, tb);
  else return -EINVAL;
  if (!dev) return -ENODEV;
  ifinfo_args a{.cmd = RTM_NEWLINK};
  a.portid = port_of(sk);
  a.seq = nlh->nlmsg_seq;
  a.tgt_netnsid = netnsid;
  nl_builder b(1200);
  rtnl_fill_ifinfo(b, *dev, n, a);
  return sk.deliver_owned(b.finish()) ? 0 : -EAGAIN;
}

// rtnl_valid_dump_ifinfo_req and the filters of rtnl_dump_ifinfo.
struct dump_filter {
  net_ref tgt_ref;
  net* tgt = nullptr;
  int netnsid = -1;
  std::uint32_t master_idx = 0;
  const rtnl_link_ops* kind_ops = nullptr;
};

const rtnl_link_ops* linkinfo_to_kind_ops(const nlattr* linkinfo) {
  const rtnl_link_ops* ops = nullptr;
  for_each_nested(linkinfo, [&](const nlattr* a) {
    if (mnl_attr_get_type(a) != IFLA_INFO_KIND) return;
    const char* s = static_cast<const char*>(mnl_attr_get_payload(a));
    const std::string kind(s, strnlen(s, mnl_attr_get_payload_len(a)));
    if (kind == veth_link_ops().kind) ops = &veth_link_ops();
  });
  return ops;
}

int valid_dump_ifinfo_req(netlink_sock& sk, task& current, const nlmsghdr* nlh, bool strict,
                          ext_ack& extack, dump_filter& f) {
  link_tb tb{};
  if (strict) {
    if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(ifinfomsg))) {
      extack.set("Invalid header for link dump");
      return -EINVAL;
    }
    const ifinfomsg& ifm = *ifm_of(nlh);
    if (ifm.__ifi_pad || ifm.ifi_type || ifm.ifi_flags || ifm.ifi_change) {
      extack.set("Invalid values in header for link dump request");
      return -EINVAL;
    }
    if (ifm.ifi_index) {
      extack.set("Filter by device index not supported for link dumps");
      return -EINVAL;
    }
    if (auto r = parse_attrs(nlh, sizeof(ifinfomsg), ifla_policy, true, extack, tb); !r)
      return -r.code().value;
  } else {
    // The kernel's hack for old requests with only an rtgenmsg.
    const std::size_t hdrlen = nlh->nlmsg_len - NLMSG_HDRLEN < sizeof(ifinfomsg)
                                   ? sizeof(rtgenmsg) : sizeof(ifinfomsg);
    if (auto r = parse_attrs(nlh, hdrlen, ifla_policy, false, extack, tb); !r)
      return -r.code().value;
  }
  for (int i = 0; i <= IFLA_MAX_; ++i) {
    if (!tb[i]) continue;
    switch (i) {
      case IFLA_TARGET_NETNSID: {
        f.netnsid = attr_s32(tb[i]);
        auto t = rtnl_get_net_ns_capable(sk, current, f.netnsid);
        if (!t) {
          extack.set("Invalid target network namespace id");
          return -t.code().value;
        }
        f.tgt_ref = std::move(*t);
        f.tgt = f.tgt_ref.get();
        break;
      }
      case IFLA_EXT_MASK:
        break;
      case IFLA_MASTER:
        f.master_idx = attr_u32(tb[i]);
        break;
      case IFLA_LINKINFO:
        f.kind_ops = linkinfo_to_kind_ops(tb[i]);
        break;
      default:
        if (strict) {
          extack.set("Unsupported attribute in link dump request");
          return -EINVAL;
        }
    }
  }
  return 0;
}

// rtnl_dump_ifinfo: devices by ascending ifindex from cb.args0 on.
int rtnl_dump_ifinfo(netlink_sock& sk, task& current, dump_state& cb, nl_builder& out,
                     std::size_t room, ext_ack& extack) {
  const auto* nlh = reinterpret_cast<const nlmsghdr*>(cb.request.data());
  dump_filter f;
  if (int err = valid_dump_ifinfo_req(sk, current, nlh, cb.strict, extack, f); err < 0) return err;
  net& n = sk.sock_net();
  net& tgt = f.tgt ? *f.tgt : n;
  ifinfo_args a{.cmd = RTM_NEWLINK};
  a.portid = port_of(sk);
  a.seq = nlh->nlmsg_seq;
  a.flags = NLM_F_MULTI | ((f.master_idx || f.kind_ops) ? NLM_F_DUMP_FILTERED : 0);
  a.tgt_netnsid = f.netnsid;
  // cb.args0: the index to resume at; past INT32_MAX once every device
  // was shown (an index can be INT32_MAX itself).
  constexpr long finished = long{INT32_MAX} + 1;
  if (cb.args0 >= finished) return 0;
  lock_guard rtnl(n.owner_kernel().rtnl());
  net_device* dev = dev_get_by_index_from(tgt, static_cast<int>(cb.args0));
  while (dev) {
    cb.args0 = dev->ifindex;
    // link_dump_filtered: the model's devices have no master.
    const bool shown = !f.master_idx && (!f.kind_ops || dev->link_ops == f.kind_ops);
    if (shown) {
      rtnl_fill_ifinfo(out, *dev, n, a);
      if (out.size() > room) {  // this device starts the next part
        out.cancel();
        return static_cast<int>(out.size());
      }
    }
    dev = dev->ifindex == INT32_MAX ? nullptr : dev_get_by_index_from(tgt, dev->ifindex + 1);
  }
  cb.args0 = finished;
  return static_cast<int>(out.size());
}

// ---- RTM_NEWLINK ------------------------------------------------------------

// rtnl_create_link's input from a table of attributes.
result<link_params> params_of(const link_tb& tb, int ifindex) {
  link_params p;
  if (tb[IFLA_IFNAME]) p.name = attr_ifname(tb[IFLA_IFNAME]);
  auto mac = [](const nlattr* a) -> result<std::array<std::uint8_t, 6>> {
    if (mnl_attr_get_payload_len(a) != 6) return errc{EINVAL};
    std::array<std::uint8_t, 6> m{};
    std::memcpy(m.data(), mnl_attr_get_payload(a), 6);
    return m;
  };
  if (tb[IFLA_ADDRESS]) {
    auto m = mac(tb[IFLA_ADDRESS]);
    if (!m) return m.error();
    // veth_validate: valid_ether_addr (not multicast, not zero).
    if (((*m)[0] & 1) || *m == std::array<std::uint8_t, 6>{}) return errc{EADDRNOTAVAIL};
    p.address = *m;
  }
  if (tb[IFLA_BROADCAST]) {
    auto m = mac(tb[IFLA_BROADCAST]);
    if (m) p.broadcast = *m;
  }
  if (tb[IFLA_MTU]) {
    const std::uint32_t mtu = attr_u32(tb[IFLA_MTU]);
    // veth_validate's is_valid_veth_mtu: before rtnl_create_link, no message.
    if (mtu < 68 || mtu > 0xffff) return errc{EINVAL};
    p.mtu = mtu;
  }
  if (tb[IFLA_TXQLEN]) p.txqlen = attr_u32(tb[IFLA_TXQLEN]);
  if (tb[IFLA_GROUP]) p.group = attr_u32(tb[IFLA_GROUP]);
  p.ifindex = ifindex;
  return p;
}

int newlink_create(netlink_sock& sk, task& current, const nlmsghdr* nlh, const link_tb& tb,
                   const nlattr* info_data, net& tgt, ext_ack& extack) {
  const ifinfomsg& ifm = *ifm_of(nlh);
  if (tb[IFLA_MAP] || tb[IFLA_PROTINFO]) return -EOPNOTSUPP;
  // The peer's attributes: VETH_INFO_PEER's ifinfomsg and table, or the
  // device's own (then with a "veth%d" name and a random address).
  const nlattr* peer_attr = nullptr;
  if (info_data) {
    for_each_nested(info_data, [&](const nlattr* a) {
      if (mnl_attr_get_type(a) == VETH_INFO_PEER) peer_attr = a;
    });
  }
  link_tb ptb{};
  const ifinfomsg* pifm = nullptr;
  if (peer_attr) {
    if (auto r = parse_nested_ifinfomsg(peer_attr, extack, ptb); !r) return -r.code().value;
    pifm = static_cast<const ifinfomsg*>(mnl_attr_get_payload(peer_attr));
  } else {
    ptb = tb;
  }
  auto dev_p = params_of(tb, ifm.ifi_index);
  if (!dev_p) return -dev_p.code().value;
  auto peer_p = params_of(ptb, pifm && ifm.ifi_index ? pifm->ifi_index : 0);
  if (!peer_p) return -peer_p.code().value;
  if (pifm) {
    peer_p->ifi_flags = pifm->ifi_flags;
    peer_p->ifi_change = pifm->ifi_change;
  }
  if (!pifm) {
    peer_p->name.clear();
    peer_p->address.reset();
  }
  // rtnl_get_peer_net: the peer's own netns attributes, else the socket's net.
  net_pick peer_net{&sk.sock_net(), {}};
  if (peer_attr && (ptb[IFLA_NET_NS_PID] || ptb[IFLA_NET_NS_FD] || ptb[IFLA_TARGET_NETNSID])) {
    auto p = link_get_net_by_nlattr(current, sk.sock_net(), ptb);
    if (!p) return -p.code().value;
    peer_net = std::move(*p);
    if (!sk_ns_capable(sk, current, peer_net.n->user_ns(), CAP_NET_ADMIN)) return -EPERM;
  } else if (!peer_attr && &tgt != &sk.sock_net()) {
    peer_net.n = &tgt;
  }
  const dev_cause cause{port_of(sk), nlh};
  auto dev = veth_newlink(tgt, *dev_p, *peer_net.n, *peer_p, cause);
  if (!dev) return fail_with(extack, dev.error());
  // rtnl_configure_link: the request's flags, then RTM_NEWLINK.
  if (ifm.ifi_flags || ifm.ifi_change) {
    if (auto r = dev_change_flags(**dev, combine_flags(**dev, ifm), cause); !r) {
      // out_unregister: the kind's dellink, so the peer goes too.
      std::vector<net_device*> kill;
      (*dev)->link_ops->dellink(**dev, kill);
      unregister_netdevice_many(kill, cause);
      return fail_with(extack, r.error());
    }
  }
  rtnl_configure_link(**dev, cause);
  return 0;
}

// do_setlink, for what the model's devices have.
int do_setlink(netlink_sock& sk, const nlmsghdr* nlh, net_device& dev, net& tgt, const link_tb& tb,
               ext_ack& extack) {
  const ifinfomsg& ifm = *ifm_of(nlh);
  const dev_cause cause{port_of(sk), nlh};
  std::string ifname = tb[IFLA_IFNAME] ? attr_ifname(tb[IFLA_IFNAME]) : std::string();
  if (tb[IFLA_ADDRESS] && mnl_attr_get_payload_len(tb[IFLA_ADDRESS]) < 6) return -EINVAL;
  if (&tgt != dev.nd_net) {
    const int new_ifindex = tb[IFLA_NEW_IFINDEX] ? attr_s32(tb[IFLA_NEW_IFINDEX]) : 0;
    auto r = dev_change_net_namespace(dev, tgt, ifname.empty() ? nullptr : ifname.c_str(),
                                      new_ifindex, cause);
    if (!r) return fail_with(extack, r.error());
  }
  if (tb[IFLA_ADDRESS]) {
    std::array<std::uint8_t, 6> mac{};
    std::memcpy(mac.data(), mnl_attr_get_payload(tb[IFLA_ADDRESS]), mac.size());
    if (auto r = dev_set_mac_address(dev, mac, cause); !r) return fail_with(extack, r.error());
  }
  if (tb[IFLA_MTU]) {
    if (auto r = dev_set_mtu(dev, attr_u32(tb[IFLA_MTU]), cause); !r) return fail_with(extack, r.error());
  }
  if (tb[IFLA_GROUP]) dev.group = attr_u32(tb[IFLA_GROUP]);
  if (ifm.ifi_index > 0 && !ifname.empty()) {
    if (auto r = dev_change_name(dev, ifname, cause); !r) return fail_with(extack, r.error());
  }
  if (tb[IFLA_IFALIAS]) {
    const char* s = static_cast<const char*>(mnl_attr_get_payload(tb[IFLA_IFALIAS]));
    const std::string alias(s, strnlen(s, mnl_attr_get_payload_len(tb[IFLA_IFALIAS])));
    if (auto r = dev_set_alias(dev, alias, cause); !r) return fail_with(extack, r.error());
  }
  if (tb[IFLA_BROADCAST] && mnl_attr_get_payload_len(tb[IFLA_BROADCAST]) >= 6)
    std::memcpy(dev.broadcast.data(), mnl_attr_get_payload(tb[IFLA_BROADCAST]), 6);
  if (ifm.ifi_flags || ifm.ifi_change) {
    if (auto r = dev_change_flags(dev, combine_flags(dev, ifm), cause); !r)
      return fail_with(extack, r.error());
  }
  if (tb[IFLA_TXQLEN]) {
    if (auto r = dev_change_tx_queue_len(dev, attr_u32(tb[IFLA_TXQLEN]), cause); !r)
      return fail_with(extack, r.error());
  }
  return 0;
}

int rtnl_newlink(netlink_sock& sk, task& current, const nlmsghdr* nlh, ext_ack& extack) {
  link_tb tb{};
  if (auto r = parse_attrs(nlh, sizeof(ifinfomsg), ifla_policy, false, extack, tb); !r)
    return -r.code().value;
  if (int e = ensure_unique_netns(tb, extack, false)) return e;
  const ifinfomsg& ifm = *ifm_of(nlh);
  if (ifm.ifi_index < 0) {
    extack.set("ifindex can't be negative");
    return -EINVAL;
  }
  auto tgt = link_get_net_capable(sk, current, tb);
  if (!tgt) return -tgt.code().value;
  net& n = sk.sock_net();
  lock_guard rtnl(n.owner_kernel().rtnl());
  net_device* dev = nullptr;
  bool link_specified = false;
  if (ifm.ifi_index > 0) {
    link_specified = true;
    dev = dev_get_by_index(n, ifm.ifi_index);
  } else if (tb[IFLA_IFNAME] || tb[IFLA_ALT_IFNAME]) {
    link_specified = true;
    dev = rtnl_dev_get(n, tb);
  }
  std::string kind;
  const nlattr* info_data = nullptr;
  if (tb[IFLA_LINKINFO]) {
    for_each_nested(tb[IFLA_LINKINFO], [&](const nlattr* a) {
      if (mnl_attr_get_type(a) == IFLA_INFO_KIND) {
        const char* s = static_cast<const char*>(mnl_attr_get_payload(a));
        kind.assign(s, strnlen(s, mnl_attr_get_payload_len(a)));
      } else if (mnl_attr_get_type(a) == IFLA_INFO_DATA) {
        info_data = a;
      }
    });
  }
  const rtnl_link_ops* ops = kind == veth_link_ops().kind ? &veth_link_ops() : nullptr;
  if (dev) {
    if (nlh->nlmsg_flags & NLM_F_EXCL) return -EEXIST;
    if (nlh->nlmsg_flags & NLM_F_REPLACE) return -EOPNOTSUPP;
    // veth has no changelink.
    if (info_data) return -EOPNOTSUPP;
    return do_setlink(sk, nlh, *dev, *tgt->n, tb, extack);
  }
  if (!(nlh->nlmsg_flags & NLM_F_CREATE)) {
    if (link_specified || !tb[IFLA_GROUP]) return -ENODEV;
    // rtnl_group_changelink: every device of the group.
    const std::uint32_t group = attr_u32(tb[IFLA_GROUP]);
    std::vector<net_device*> members;
    for (net_device* d : n.devices.devices())
      if (d->group == group) members.push_back(d);
    for (net_device* d : members)
      if (int e = do_setlink(sk, nlh, *d, *tgt->n, tb, extack)) return e;
    return 0;
  }
  if (!ops) {
    extack.set("Unknown device type");
    return -EOPNOTSUPP;
  }
  return newlink_create(sk, current, nlh, tb, info_data, *tgt->n, extack);
}

// ---- RTM_DELLINK ------------------------------------------------------------

int rtnl_dellink(netlink_sock& sk, task& current, const nlmsghdr* nlh, ext_ack& extack) {
  link_tb tb{};
  if (auto r = parse_attrs(nlh, sizeof(ifinfomsg), ifla_policy, false, extack, tb); !r)
    return -r.code().value;
  if (int e = ensure_unique_netns(tb, extack, true)) return e;
  net& n = sk.sock_net();
  net_ref tgt_ref;
  net* tgt = &n;
  if (tb[IFLA_TARGET_NETNSID]) {
    auto t = rtnl_get_net_ns_capable(sk, current, attr_s32(tb[IFLA_TARGET_NETNSID]));
    if (!t) return -t.code().value;
    tgt_ref = std::move(*t);
    tgt = tgt_ref.get();
  }
  const ifinfomsg& ifm = *ifm_of(nlh);
  const dev_cause cause{port_of(sk), nlh};
  lock_guard rtnl(n.owner_kernel().rtnl());
  net_device* dev = nullptr;
  std::vector<net_device*> kill;
  if (ifm.ifi_index > 0) {
    dev = dev_get_by_index(*tgt, ifm.ifi_index);
  } else if (tb[IFLA_IFNAME] || tb[IFLA_ALT_IFNAME]) {
    dev = rtnl_dev_get(*tgt, tb);
  } else if (tb[IFLA_GROUP]) {
    // rtnl_group_dellink: all or nothing.
    const std::uint32_t group = attr_u32(tb[IFLA_GROUP]);
    std::vector<net_device*> members;
    for (net_device* d : tgt->devices.devices())
      if (d->group == group) members.push_back(d);
    if (members.empty()) return -ENODEV;
    for (net_device* d : members)
      if (!d->link_ops || !d->link_ops->dellink) return -EOPNOTSUPP;
    for (net_device* d : members)
      if (d->registered && d->link_ops) d->link_ops->dellink(*d, kill);
    unregister_netdevice_many(kill, cause);
    return 0;
  } else {
    return -EINVAL;
  }
  if (!dev) return -ENODEV;
  // rtnl_delete_link.
  if (!dev->link_ops || !dev->link_ops->dellink) return -EOPNOTSUPP;
  dev->link_ops->dellink(*dev, kill);
  unregister_netdevice_many(kill, cause);
  return 0;
}

constexpr rtnl_handlers newlink{rtnl_newlink, nullptr};
constexpr rtnl_handlers dellink{rtnl_dellink, nullptr};
constexpr rtnl_handlers getlink{rtnl_getlink, rtnl_dump_ifinfo};

}  // namespace

const rtnl_handlers* rtnl_link_handlers(int type) {
  switch (type) {
    case RTM_NEWLINK:
      return &newlink;
    case RTM_DELLINK:
      return &dellink;
    case RTM_GETLINK:
      return &getlink;
    default:
      return nullptr;
  }
}

}  // namespace netns::netlink
