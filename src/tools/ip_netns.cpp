// SPDX-License-Identifier: GPL-2.0-only
// iproute2 6.1's ip/ipnetns.c, over the model's system calls.
#include "netns/tools/ip_netns.hpp"

#include <fcntl.h>
#include <linux/net_namespace.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sched.h>
#include <sys/mount.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <climits>
#include <cstring>
#include <map>
#include <optional>
#include <string_view>

#include "netns/core/capability.hpp"
#include "netns/netlink/socket.hpp"
#include "netns/netlink/wire.hpp"
#include "netns/task/syscalls.hpp"

namespace netns::tools {

namespace {

constexpr const char* NETNS_RUN_DIR = "/run/netns";

const char* usage_text =
    "Usage:\tip netns list\n"
    "\tip netns add NAME\n"
    "\tip netns attach NAME PID\n"
    "\tip netns set NAME NETNSID\n"
    "\tip [-all] netns delete [NAME]\n"
    "\tip netns identify [PID]\n"
    "\tip netns pids NAME\n"
    "\tip [-all] netns exec [NAME] cmd ...\n"
    "\tip netns monitor\n"
    "\tip netns list-id [target-nsid POSITIVE-INT] [nsid POSITIVE-INT]\n"
    "NETNSID := auto | POSITIVE-INT\n";

// exit(): unwinds to run_ip with the status.
struct exit_now {
  int status;
};

// ip's matches(): `cmd` is a non-empty prefix of `pattern` (6.1's
// lib/utils.c: an empty word matches nothing, so `ip netns ""` is an
// unknown command, probed).
bool matches(std::string_view cmd, std::string_view pattern) {
  return !cmd.empty() && cmd.size() <= pattern.size() && pattern.compare(0, cmd.size(), cmd) == 0;
}

// get_integer(): strtol of the whole word, base 0.
std::optional<int> get_integer(const std::string& s) {
  if (s.empty()) return std::nullopt;
  char* end = nullptr;
  errno = 0;
  long v = std::strtol(s.c_str(), &end, 0);
  if (*end != '\0' || errno == ERANGE || v > INT_MAX || v < INT_MIN) return std::nullopt;
  return static_cast<int>(v);
}

// ip's is_pid(): every character a digit (so "" passes, as in ip).
bool is_pid(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// iproute2's json_writer (jsonw_puts): tab, newline, CR, form feed,
// backspace, backslash and quote get their short escapes; every other byte
// goes out as it is, control characters included (probed).
std::string json_string(const std::string& s) {
  std::string o = "\"";
  for (char c : s) {
    switch (c) {
      case '"': o += "\\\""; break;
      case '\\': o += "\\\\"; break;
      case '\n': o += "\\n"; break;
      case '\t': o += "\\t"; break;
      case '\r': o += "\\r"; break;
      case '\f': o += "\\f"; break;
      case '\b': o += "\\b"; break;
      default: o += c;
    }
  }
  return o + "\"";
}

class ip_program {
 public:
  ip_program(machine& m, task& t) : m_(m), t_(t) {}

  int main(std::vector<std::string> args) {
    std::size_t i = 0;
    while (i < args.size() && args[i].size() > 1 && args[i][0] == '-') {
      std::string opt = args[i];
      if (opt.size() > 2 && opt[1] == '-') opt = opt.substr(1);
      if (matches(opt, "-netns") && opt.size() >= 2) {
        if (i + 1 >= args.size()) {
          err("Command line is not complete. Try option \"help\"");
          throw exit_now{255};
        }
        if (netns_switch(args[i + 1])) throw exit_now{255};
        i += 2;
        continue;
      }
      if (matches(opt, "-json") && opt.size() >= 2) {
        json_ = true;
        ++i;
        continue;
      }
      err("Option \"" + args[i] + "\" is unknown, try \"ip -help\".");
      throw exit_now{255};
    }
    if (i >= args.size()) {
      usage_ip();
    }
    const std::string obj = args[i];
    if (obj != "netns" && !(obj.size() >= 3 && matches(obj, "netns"))) {
      err("Object \"" + obj + "\" is unknown, try \"ip help\".");
      return 1;
    }
    std::vector<std::string> rest(args.begin() + static_cast<long>(i) + 1, args.end());
    return -do_netns(rest);
  }

  std::string out;
  std::string errs;

 private:
  void err(const std::string& line) { errs += line + "\n"; }
  [[noreturn]] void usage() {
    errs += usage_text;
    throw exit_now{255};
  }
  [[noreturn]] void usage_ip() {
    errs += "Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n";
    throw exit_now{255};
  }
  [[noreturn]] void invarg(const std::string& msg, const std::string& arg) {
    err("Error: argument \"" + arg + "\" is wrong: " + msg);
    throw exit_now{255};
  }
  [[noreturn]] void duparg(const std::string& key, const std::string& arg) {
    err("Error: duplicate \"" + key + "\": \"" + arg + "\" is the second value.");
    throw exit_now{255};
  }
  static std::string strerror_of(errc e) { return std::strerror(e.value); }

  // netns_switch for -n: open the name, setns into it.
  int netns_switch(const std::string& name) {
    const std::string path = std::string(NETNS_RUN_DIR) + "/" + name;
    auto fd = sys_open(t_, path, O_RDONLY | O_CLOEXEC);
    if (!fd) {
      err("Cannot open network namespace \"" + name + "\": " + strerror_of(fd.code()));
      return -1;
    }
    if (auto r = sys_setns(t_, *fd, CLONE_NEWNET); !r) {
      err("setting the network namespace \"" + name + "\" failed: " + strerror_of(r.code()));
      (void)sys_close(t_, *fd);
      return -1;
    }
    (void)sys_close(t_, *fd);
    return 0;
  }

  // The rtnetlink socket ip keeps for ids (rtnl_open: bound, extended acks;
  // strict checking for dumps).
  int rtnl() {
    if (sock_ >= 0) return sock_;
    auto s = sys_socket(t_, AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    if (!s) return -1;
    (void)sys_setsockopt_int(t_, *s, NETNS_SOL_NETLINK, NETLINK_EXT_ACK, 1);
    (void)sys_setsockopt_int(t_, *s, NETNS_SOL_NETLINK, NETLINK_GET_STRICT_CHK, 1);
    (void)sys_bind_netlink(t_, *s, 0, 0);
    sock_ = *s;
    return sock_;
  }

  struct reply {
    std::vector<std::vector<std::uint8_t>> msgs;  // each message's bytes
    int error = 0;
    std::string extack;
  };

  // Sends one request; collects messages until the ACK, the error, the
  // reply of a doit or NLMSG_DONE.
  reply talk(const std::vector<std::uint8_t>& req, bool dump) {
    reply r;
    int s = rtnl();
    if (s < 0 || !sys_send(t_, s, req)) {
      r.error = -EIO;
      return r;
    }
    for (;;) {
      auto d = sys_recv(t_, s, 32768, 0);
      if (!d) {
        if (d.code() == errc{EAGAIN}) return r;
        r.error = -d.code().value;
        return r;
      }
      int rem = static_cast<int>(d->data.size());
      const auto* h = reinterpret_cast<const nlmsghdr*>(d->data.data());
      bool done = false;
      for (; NLMSG_OK(h, rem); h = NLMSG_NEXT(h, rem)) {
        if (h->nlmsg_type == NLMSG_ERROR || h->nlmsg_type == NLMSG_DONE) {
          int e = 0;
          if (h->nlmsg_len >= NLMSG_LENGTH(sizeof(int))) std::memcpy(&e, NLMSG_DATA(h), sizeof e);
          r.error = e;
          r.extack = netlink::ext_ack_message(h);
          done = true;
          break;
        }
        const auto* p = reinterpret_cast<const std::uint8_t*>(h);
        r.msgs.emplace_back(p, p + h->nlmsg_len);
        if (!dump) {
          done = true;  // a doit's reply (an ack may follow only with NLM_F_ACK)
          break;
        }
      }
      if (done) return r;
    }
  }

  // nl_dump_ext_ack / rtnl_talk's report of an error.
  void report(const reply& r) {
    if (!r.extack.empty()) {
      std::string m = "Error: " + r.extack;
      if (m.back() != '.') m += ".";
      err(m);
    } else {
      err(std::string("RTNETLINK answers: ") + std::strerror(-r.error));
    }
  }

  struct nsid_attrs {
    std::optional<int> nsid, current;
  };
  static nsid_attrs attrs_of(const std::vector<std::uint8_t>& msg) {
    const auto* h = reinterpret_cast<const nlmsghdr*>(msg.data());
    return {netlink::message_s32(h, sizeof(rtgenmsg), NETNSA_NSID),
            netlink::message_s32(h, sizeof(rtgenmsg), NETNSA_CURRENT_NSID)};
  }

  std::vector<std::uint8_t> request(std::uint16_t type, std::uint16_t flags) {
    netlink::nl_builder b;
    b.put_header(type, NLM_F_REQUEST | flags, ++seq_, 0);
    b.put_rtgenmsg(AF_UNSPEC);
    return b.finish();
  }

  // get_netnsid_from_name: the id of /run/netns/NAME in this netns, or a
  // negative value (-2 after a netlink error, as iproute2 returns).
  int netnsid_from_name(const std::string& name) {
    auto fd = sys_open(t_, std::string(NETNS_RUN_DIR) + "/" + name, O_RDONLY | O_CLOEXEC);
    if (!fd) return -1;
    netlink::nl_builder b;
    b.put_header(RTM_GETNSID, NLM_F_REQUEST, ++seq_, 0);
    b.put_rtgenmsg(AF_UNSPEC);
    b.put_u32(NETNSA_FD, static_cast<std::uint32_t>(*fd));
    reply r = talk(b.finish(), false);
    (void)sys_close(t_, *fd);
    if (r.error) {
      // rtnl_talk reports every failure, so a file in /run/netns that no
      // longer names a namespace (unmounted) prints one error per lookup.
      report(r);
      return -2;
    }
    if (r.msgs.empty()) return -1;
    auto a = attrs_of(r.msgs.front());
    return a.nsid ? *a.nsid : -1;
  }

  std::vector<std::string> run_dir_names() {
    auto names = sys_readdir(t_, NETNS_RUN_DIR);
    if (!names) return {};
    std::vector<std::string> v;
    for (auto& n : *names)
      if (n != "." && n != "..") v.push_back(n);
    return v;
  }

  // netns_map_init: name by nsid, for the names in /run/netns.
  void map_init() {
    for (const std::string& n : run_dir_names()) {
      int id = netnsid_from_name(n);
      if (id >= 0 && !by_nsid_.count(id)) by_nsid_[id] = n;
    }
  }

  int do_netns(std::vector<std::string>& argv) {
    if (argv.empty()) {
      map_init();
      return netns_list();
    }
    if (argv.size() > 1 && invalid_name(argv[1])) {
      err("Invalid netns name \"" + argv[1] + "\"");
      throw exit_now{255};
    }
    const std::string& c = argv[0];
    std::vector<std::string> rest(argv.begin() + 1, argv.end());
    if (matches(c, "list") || matches(c, "show") || matches(c, "lst")) {
      map_init();
      return netns_list();
    }
    if (matches(c, "list-id")) {
      map_init();
      return netns_list_id(rest);
    }
    if (matches(c, "help")) usage();
    if (matches(c, "add")) return netns_add(rest, true);
    if (matches(c, "set")) return netns_set(rest);
    if (matches(c, "delete")) return netns_delete(rest);
    if (matches(c, "identify")) return netns_identify(rest);
    if (matches(c, "pids")) return netns_pids(rest);
    if (matches(c, "attach")) return netns_add(rest, false);
    err("Command \"" + c + "\" is unknown, try \"ip netns help\".");
    throw exit_now{255};
  }

  static bool invalid_name(const std::string& n) {
    return n.empty() || n.size() > NAME_MAX || n.find('/') != std::string::npos || n == "." || n == "..";
  }

  int netns_list() {
    if (json_) out += "[";
    bool first = true;
    for (const std::string& n : run_dir_names()) {
      const int id = netnsid_from_name(n);
      if (json_) {
        out += std::string(first ? "" : ",") + "{\"name\":" + json_string(n);
        if (id >= 0) out += ",\"id\":" + std::to_string(id);
        out += "}";
      } else {
        out += n;
        if (id >= 0) out += " (id: " + std::to_string(id) + ")";
        out += "\n";
      }
      first = false;
    }
    if (json_) out += "]\n";
    return 0;
  }

  void print_nsid(const std::vector<std::uint8_t>& msg, bool& first) {
    nlmsghdr h;
    std::memcpy(&h, msg.data(), sizeof h);
    if (h.nlmsg_type != RTM_NEWNSID && h.nlmsg_type != RTM_DELNSID) return;
    const bool is_new = h.nlmsg_type == RTM_NEWNSID;
    auto a = attrs_of(msg);
    const int nsid = a.nsid.value_or(-1);
    std::string line, js;
    if (nsid < 0) line += "nsid unassigned ";
    else {
      line += "nsid " + std::to_string(nsid) + " ";
      js += "\"nsid\":" + std::to_string(nsid);
    }
    int key = nsid;
    if (a.current) {
      key = *a.current;
      if (*a.current < 0) line += "current-nsid unassigned ";
      else {
        line += "current-nsid " + std::to_string(*a.current) + " ";
        js += std::string(js.empty() ? "" : ",") + "\"current-nsid\":" + std::to_string(*a.current);
      }
    }
    // A name printed from the cache leaves it; an id the cache does not
    // know is looked up by the row's nsid among the local names (ip 6.1).
    std::optional<std::string> name;
    if (auto it = key >= 0 ? by_nsid_.find(key) : by_nsid_.end(); it != by_nsid_.end()) {
      name = it->second;
      by_nsid_.erase(it);
    } else if (is_new && nsid >= 0) {
      for (const std::string& n : run_dir_names()) {
        if (netnsid_from_name(n) == nsid) {
          name = n;
          by_nsid_.emplace(nsid, n);
          break;
        }
      }
    }
    if (name) {
      line += "(iproute2 netns name: " + *name + ")";
      js += std::string(js.empty() ? "" : ",") + "\"name\":" + json_string(*name);
    }
    if (json_) {
      out += std::string(first ? "" : ",") + "{" + js + "}";
    } else {
      out += line + "\n";
    }
    first = false;
  }

  int netns_list_id(std::vector<std::string>& argv) {
    int target = -1, nsid = -1;
    for (std::size_t i = 0; i < argv.size(); ++i) {
      if (argv[i] == "target-nsid" || argv[i] == "nsid") {
        const bool is_target = argv[i] == "target-nsid";
        int& slot = is_target ? target : nsid;
        if (slot >= 0) duparg(argv[i], argv[i]);
        if (i + 1 >= argv.size()) {
          err("Command line is not complete. Try option \"help\"");
          throw exit_now{255};
        }
        ++i;
        auto v = get_integer(argv[i]);
        if (!v) invarg("\"" + argv[i - 1] + "\" value is invalid", argv[i]);
        // ip names argv[1] here, past the end of its list: "(null)".
        if (*v < 0) invarg("\"" + argv[i - 1] + "\" value should be >= 0", i + 1 < argv.size() ? argv[i + 1] : "(null)");
        slot = *v;
      } else {
        usage();
      }
    }
    bool first = true;
    if (nsid >= 0) {
      netlink::nl_builder b;
      b.put_header(RTM_GETNSID, NLM_F_REQUEST, ++seq_, 0);
      b.put_rtgenmsg(AF_UNSPEC);
      b.put_s32(NETNSA_NSID, nsid);
      if (target >= 0) b.put_s32(NETNSA_TARGET_NSID, target);
      reply r = talk(b.finish(), false);
      if (r.error) {
        report(r);
        return -2;
      }
      if (json_) out += "[";
      for (auto& msg : r.msgs) print_nsid(msg, first);
      if (json_) out += "]\n";
      return 0;
    }
    netlink::nl_builder b;
    b.put_header(RTM_GETNSID, NLM_F_REQUEST | NLM_F_DUMP, ++seq_, 0);
    b.put_rtgenmsg(AF_UNSPEC);
    if (target >= 0) b.put_s32(NETNSA_TARGET_NSID, target);
    if (json_) out += "[";
    reply r = talk(b.finish(), true);
    for (auto& msg : r.msgs) print_nsid(msg, first);
    if (json_) out += "]\n";
    if (r.error) {
      report(r);
      err("Dump terminated");
      throw exit_now{1};
    }
    return 0;
  }

  int netns_add(std::vector<std::string>& argv, bool create) {
    if (argv.empty()) {
      err(create ? "No netns name specified" : "No netns name and PID specified");
      return -1;
    }
    if (!create && argv.size() < 2) {
      err("No netns name and PID specified");
      return -1;
    }
    const std::string& name = argv[0];
    int pid = 0;
    if (!create) {
      auto v = get_integer(argv[1]);
      if (!v || *v == 0) {
        err("Invalid PID: " + argv[1]);
        return -1;
      }
      pid = *v;
    }
    const std::string path = std::string(NETNS_RUN_DIR) + "/" + name;
    if (auto r = sys_mkdir(t_, NETNS_RUN_DIR, 0755); !r && r.code() != errc{EEXIST}) {
      err(std::string("mkdir ") + NETNS_RUN_DIR + " failed: " + strerror_of(r.code()));
      return -1;
    }
    // The directory is opened to be locked (the model has no flock), then
    // made a shared mount (mount(2) needs CAP_SYS_ADMIN over the mount
    // namespace's owner). MS_SHARED on a directory that is no mount point
    // is EINVAL: the first add binds /run/netns onto itself, recursively,
    // and tries again. Propagation itself has nothing to reach in the
    // model's one mount namespace.
    auto lock = sys_open(t_, NETNS_RUN_DIR, O_RDONLY | O_DIRECTORY);
    if (!lock) {
      err(std::string("Cannot open netns runtime directory \"") + NETNS_RUN_DIR + "\": " +
          strerror_of(lock.code()));
      return -1;
    }
    bool made_run_dir_mount = false;
    for (;;) {
      auto shared = sys_mount_make_shared(t_, NETNS_RUN_DIR);
      if (shared) break;
      if (shared.code() != errc{EINVAL} || made_run_dir_mount) {
        err(std::string("mount --make-shared ") + NETNS_RUN_DIR + " failed: " +
            strerror_of(shared.code()));
        (void)sys_close(t_, *lock);
        return -1;
      }
      if (auto b = sys_mount_bind(t_, NETNS_RUN_DIR, NETNS_RUN_DIR, true); !b) {
        err(std::string("mount --bind ") + NETNS_RUN_DIR + " " + NETNS_RUN_DIR + " failed: " +
            strerror_of(b.code()));
        (void)sys_close(t_, *lock);
        return -1;
      }
      made_run_dir_mount = true;
    }
    (void)sys_close(t_, *lock);
    auto fd = sys_open(t_, path, O_RDONLY | O_CREAT | O_EXCL, 0);
    if (!fd) {
      err("Cannot create namespace file \"" + path + "\": " + strerror_of(fd.code()));
      return -1;
    }
    (void)sys_close(t_, *fd);
    std::string proc_path;
    int saved = -1;
    if (create) {
      auto s = sys_open(t_, "/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
      if (s) saved = *s;
      if (auto r = sys_unshare(t_, CLONE_NEWNET); !r) {
        err("Failed to create a new network namespace \"" + name + "\": " + strerror_of(r.code()));
        restore(saved);
        (void)sys_umount_detach(t_, path);
        (void)sys_unlink(t_, path);
        return -1;
      }
      proc_path = "/proc/self/ns/net";
    } else {
      proc_path = "/proc/" + std::to_string(pid) + "/ns/net";
    }
    if (auto r = sys_mount_bind(t_, proc_path, path); !r) {
      err("Bind " + proc_path + " -> " + path + " failed: " + strerror_of(r.code()));
      if (create) {
        restore(saved);
        (void)sys_umount_detach(t_, path);
        if (auto u = sys_unlink(t_, path); !u)
          err("Cannot remove namespace file \"" + path + "\": " + strerror_of(u.code()));
      } else if (auto u = sys_unlink(t_, path); !u) {
        err("Cannot remove namespace file \"" + path + "\": " + strerror_of(u.code()));
      }
      return -1;
    }
    restore(saved);
    return 0;
  }

  void restore(int saved) {
    if (saved < 0) return;
    (void)sys_setns(t_, saved, CLONE_NEWNET);
    (void)sys_close(t_, saved);
  }

  int netns_delete(std::vector<std::string>& argv) {
    if (argv.empty()) {
      err("No netns name specified");
      return -1;
    }
    const std::string path = std::string(NETNS_RUN_DIR) + "/" + argv[0];
    (void)sys_umount_detach(t_, path);
    if (auto r = sys_unlink(t_, path); !r) {
      err("Cannot remove namespace file \"" + path + "\": " + strerror_of(r.code()));
      return -1;
    }
    return 0;
  }

  int netns_set(std::vector<std::string>& argv) {
    if (argv.empty()) {
      err("No netns name specified");
      return -1;
    }
    if (argv.size() < 2) {
      err("No nsid specified");
      return -1;
    }
    const std::string& name = argv[0];
    int nsid;
    if (argv[1] == "auto") {
      nsid = -1;
    } else {
      auto v = get_integer(argv[1]);
      if (!v) invarg("Invalid \"netnsid\" value", argv[1]);
      if (*v < 0) invarg("\"netnsid\" value should be >= 0", argv[1]);
      nsid = *v;
    }
    const std::string path = std::string(NETNS_RUN_DIR) + "/" + name;
    auto fd = sys_open(t_, path, O_RDONLY | O_CLOEXEC);
    if (!fd) {
      err("Cannot open network namespace \"" + name + "\": " + strerror_of(fd.code()));
      return -1;
    }
    netlink::nl_builder b;
    b.put_header(RTM_NEWNSID, NLM_F_REQUEST | NLM_F_ACK, ++seq_, 0);
    b.put_rtgenmsg(AF_UNSPEC);
    b.put_u32(NETNSA_FD, static_cast<std::uint32_t>(*fd));
    b.put_s32(NETNSA_NSID, nsid);
    reply r = talk(b.finish(), false);
    (void)sys_close(t_, *fd);
    if (r.error) {
      report(r);
      return -2;
    }
    return 0;
  }

  // The namespace file's identity, as ip compares st_dev and st_ino.
  std::optional<std::pair<std::uint64_t, std::uint32_t>> ident(const std::string& path) {
    auto st = sys_stat(t_, path);
    if (!st) return std::nullopt;
    return std::pair<std::uint64_t, std::uint32_t>{st->ino, (st->dev.major << 20) | st->dev.minor};
  }

  // open + fstat of a namespace file, with ip's messages on failure.
  std::optional<fs::stat_info> netns_stat(const std::string& path) {
    auto fd = sys_open(t_, path, O_RDONLY);
    if (!fd) {
      err("Cannot open network namespace: " + strerror_of(fd.code()));
      return std::nullopt;
    }
    auto st = sys_fstat(t_, *fd);
    (void)sys_close(t_, *fd);
    if (!st) {
      err("Stat of netns failed: " + strerror_of(st.code()));
      return std::nullopt;
    }
    return *st;
  }

  int netns_identify(std::vector<std::string>& argv) {
    std::string pidstr;
    if (argv.empty()) {
      pidstr = "self";
    } else if (argv.size() > 1) {
      err("extra arguments specified");
      return -1;
    } else {
      pidstr = argv[0];
      if (!is_pid(pidstr)) {
        err("Specified string '" + pidstr + "' is not a pid");
        return -1;
      }
    }
    auto st = netns_stat("/proc/" + pidstr + "/ns/net");
    if (!st) return -1;
    // The last name that matches, or an empty line (ip 6.1 prints its
    // name buffer either way).
    std::string name;
    for (const std::string& n : run_dir_names()) {
      auto id = ident(std::string(NETNS_RUN_DIR) + "/" + n);
      if (id && id->first == st->ino && id->second == ((st->dev.major << 20) | st->dev.minor)) name = n;
    }
    out += name + "\n";
    return 0;
  }

  int netns_pids(std::vector<std::string>& argv) {
    if (argv.empty()) {
      err("No netns name specified");
      return -1;
    }
    if (argv.size() > 1) {
      err("extra arguments specified");
      return -1;
    }
    auto st = netns_stat(std::string(NETNS_RUN_DIR) + "/" + argv[0]);
    if (!st) return -1;
    auto names = sys_readdir(t_, "/proc/");
    if (!names) {
      err("Open of /proc failed: " + strerror_of(names.code()));
      return -1;
    }
    for (const std::string& n : *names) {
      if (!is_pid(n)) continue;
      auto id = ident("/proc/" + n + "/ns/net");
      if (id && id->first == st->ino && id->second == ((st->dev.major << 20) | st->dev.minor))
        out += n + "\n";
    }
    return 0;
  }

  machine& m_;
  task& t_;
  bool json_ = false;
  int sock_ = -1;
  std::uint32_t seq_ = 0;
  std::map<int, std::string> by_nsid_;
};

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> v;
  std::size_t pos = 0;
  while (pos < s.size()) {
    std::size_t nl = s.find('\n', pos);
    if (nl == std::string::npos) {
      v.push_back(s.substr(pos));
      break;
    }
    v.push_back(s.substr(pos, nl - pos));
    pos = nl + 1;
  }
  return v;
}

}  // namespace

ip_result run_ip(machine& m, task& parent, const std::vector<std::string>& args) {
  ip_result r;
  auto child = m.spawn(parent);
  if (!child) {
    r.err.push_back(std::string("fork: ") + std::strerror(child.code().value));
    r.status = 1;
    return r;
  }
  r.pid = (*child)->pid();
  exec_program_creds(**child);  // execve of /usr/sbin/ip
  ip_program ip(m, **child);
  try {
    r.status = ip.main(args) & 0xff;
  } catch (const exit_now& e) {
    r.status = e.status & 0xff;
  }
  (void)m.exit(**child);
  r.out = lines_of(ip.out);
  r.err = lines_of(ip.errs);
  return r;
}

}  // namespace netns::tools
