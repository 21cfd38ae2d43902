// SPDX-License-Identifier: GPL-2.0-only
// iproute2 6.1's ip/ipnetns.c, over the model's system calls: the netns
// commands. Its options are ip_options.hpp's, its rtnetlink client
// ip_rtnl_client.hpp's, its JSON ip_json.hpp's.
#include "netns/tools/ip_netns.hpp"

#include <fcntl.h>
#include <linux/net_namespace.h>
#include <linux/rtnetlink.h>
#include <sched.h>

#include <climits>
#include <cstring>
#include <map>
#include <optional>

#include "ip_json.hpp"
#include "ip_options.hpp"
#include "ip_rtnl_client.hpp"
#include "netns/task/syscalls.hpp"
#include "result_lines.hpp"

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

std::string strerror_of(errc e) { return std::strerror(e.value); }

class ip_netns {
 public:
  explicit ip_netns(task& t) : t_(t), rtnl_(t) {}

  int main(const std::vector<std::string>& args) {
    const ip_command c =
        parse_ip_options(args, o_, [this](const std::string& name) { return netns_switch(name); });
    json_ = c.json;
    if (c.object >= args.size()) {
      o_.errs += "Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n";
      throw ip_exit{255};
    }
    const std::string& obj = args[c.object];
    if (obj != "netns" && !(obj.size() >= 3 && matches(obj, "netns"))) {
      o_.err("Object \"" + obj + "\" is unknown, try \"ip help\".");
      return 1;
    }
    std::vector<std::string> rest(args.begin() + static_cast<long>(c.object) + 1, args.end());
    return -do_netns(rest);
  }

  // What it wrote, whether main returned or threw ip_exit.
  const ip_output& output() const { return o_; }

 private:
  [[noreturn]] void usage() {
    o_.errs += usage_text;
    throw ip_exit{255};
  }

  // netns_switch for -n: open the name, setns into it.
  bool netns_switch(const std::string& name) {
    const std::string path = std::string(NETNS_RUN_DIR) + "/" + name;
    auto fd = sys_open(t_, path, O_RDONLY | O_CLOEXEC);
    if (!fd) {
      o_.err("Cannot open network namespace \"" + name + "\": " + strerror_of(fd.code()));
      return false;
    }
    if (auto r = sys_setns(t_, *fd, CLONE_NEWNET); !r) {
      o_.err("setting the network namespace \"" + name + "\" failed: " + strerror_of(r.code()));
      (void)sys_close(t_, *fd);
      return false;
    }
    (void)sys_close(t_, *fd);
    return true;
  }

  // get_netnsid_from_name: the id of /run/netns/NAME in this netns, or a
  // negative value (-2 after a netlink error, as iproute2 returns).
  int netnsid_from_name(const std::string& name) {
    auto fd = sys_open(t_, std::string(NETNS_RUN_DIR) + "/" + name, O_RDONLY | O_CLOEXEC);
    if (!fd) return -1;
    netlink::nl_builder b = rtnl_.request(RTM_GETNSID, 0);
    b.put_u32(NETNSA_FD, static_cast<std::uint32_t>(*fd));
    rtnl_reply r = rtnl_.talk(b.finish());
    (void)sys_close(t_, *fd);
    if (r.error) {
      // rtnl_talk reports every failure, so a file in /run/netns that no
      // longer names a namespace (unmounted) prints one error per lookup.
      rtnl_client::report(r, o_);
      return -2;
    }
    if (r.msgs.empty()) return -1;
    auto a = nsid_attrs_of(r.msgs.front());
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
      o_.err("Invalid netns name \"" + argv[1] + "\"");
      throw ip_exit{255};
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
    o_.err("Command \"" + c + "\" is unknown, try \"ip netns help\".");
    throw ip_exit{255};
  }

  static bool invalid_name(const std::string& n) {
    return n.empty() || n.size() > NAME_MAX || n.find('/') != std::string::npos || n == "." || n == "..";
  }

  int netns_list() {
    ip_list list(o_.out, json_);
    list.begin();
    for (const std::string& n : run_dir_names()) {
      const int id = netnsid_from_name(n);
      if (id >= 0)
        list.item({{"name", json_string(n)}, {"id", std::to_string(id)}},
                  n + " (id: " + std::to_string(id) + ")\n");
      else
        list.item({{"name", json_string(n)}}, n + "\n");
    }
    list.end();
    return 0;
  }

  void print_nsid(const std::vector<std::uint8_t>& msg, ip_list& list) {
    nlmsghdr h;
    std::memcpy(&h, msg.data(), sizeof h);
    if (h.nlmsg_type != RTM_NEWNSID && h.nlmsg_type != RTM_DELNSID) return;
    const bool is_new = h.nlmsg_type == RTM_NEWNSID;
    auto a = nsid_attrs_of(msg);
    const int nsid = a.nsid.value_or(-1);
    std::string line;
    std::vector<std::pair<std::string, std::string>> members;
    if (nsid < 0) {
      line += "nsid unassigned ";
    } else {
      line += "nsid " + std::to_string(nsid) + " ";
      members.emplace_back("nsid", std::to_string(nsid));
    }
    int key = nsid;
    if (a.current) {
      key = *a.current;
      if (*a.current < 0) {
        line += "current-nsid unassigned ";
      } else {
        line += "current-nsid " + std::to_string(*a.current) + " ";
        members.emplace_back("current-nsid", std::to_string(*a.current));
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
      members.emplace_back("name", json_string(*name));
    }
    list.item(members, line + "\n");
  }

  int netns_list_id(std::vector<std::string>& argv) {
    int target = -1, nsid = -1;
    for (std::size_t i = 0; i < argv.size(); ++i) {
      if (argv[i] == "target-nsid" || argv[i] == "nsid") {
        const bool is_target = argv[i] == "target-nsid";
        int& slot = is_target ? target : nsid;
        if (slot >= 0) o_.duparg(argv[i], argv[i]);
        if (i + 1 >= argv.size()) o_.incomplete();
        ++i;
        auto v = get_integer(argv[i]);
        if (!v) o_.invarg("\"" + argv[i - 1] + "\" value is invalid", argv[i]);
        // ip names argv[1] here, past the end of its list: "(null)".
        if (*v < 0) o_.invarg("\"" + argv[i - 1] + "\" value should be >= 0", i + 1 < argv.size() ? argv[i + 1] : "(null)");
        slot = *v;
      } else {
        usage();
      }
    }
    ip_list list(o_.out, json_);
    if (nsid >= 0) {
      netlink::nl_builder b = rtnl_.request(RTM_GETNSID, 0);
      b.put_s32(NETNSA_NSID, nsid);
      if (target >= 0) b.put_s32(NETNSA_TARGET_NSID, target);
      rtnl_reply r = rtnl_.talk(b.finish());
      if (r.error) {
        rtnl_client::report(r, o_);
        return -2;
      }
      list.begin();
      for (auto& msg : r.msgs) print_nsid(msg, list);
      list.end();
      return 0;
    }
    netlink::nl_builder b = rtnl_.request(RTM_GETNSID, NLM_F_DUMP);
    if (target >= 0) b.put_s32(NETNSA_TARGET_NSID, target);
    list.begin();
    rtnl_reply r = rtnl_.talk(b.finish());
    for (auto& msg : r.msgs) print_nsid(msg, list);
    list.end();
    if (r.error) {
      rtnl_client::report(r, o_);
      o_.err("Dump terminated");
      throw ip_exit{1};
    }
    return 0;
  }

  int netns_add(std::vector<std::string>& argv, bool create) {
    if (argv.empty()) {
      o_.err(create ? "No netns name specified" : "No netns name and PID specified");
      return -1;
    }
    if (!create && argv.size() < 2) {
      o_.err("No netns name and PID specified");
      return -1;
    }
    const std::string& name = argv[0];
    int pid = 0;
    if (!create) {
      auto v = get_integer(argv[1]);
      if (!v || *v == 0) {
        o_.err("Invalid PID: " + argv[1]);
        return -1;
      }
      pid = *v;
    }
    const std::string path = std::string(NETNS_RUN_DIR) + "/" + name;
    if (auto r = sys_mkdir(t_, NETNS_RUN_DIR, 0755); !r && r.code() != errc{EEXIST}) {
      o_.err(std::string("mkdir ") + NETNS_RUN_DIR + " failed: " + strerror_of(r.code()));
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
      o_.err(std::string("Cannot open netns runtime directory \"") + NETNS_RUN_DIR + "\": " +
          strerror_of(lock.code()));
      return -1;
    }
    bool made_run_dir_mount = false;
    for (;;) {
      auto shared = sys_mount_make_shared(t_, NETNS_RUN_DIR);
      if (shared) break;
      if (shared.code() != errc{EINVAL} || made_run_dir_mount) {
        o_.err(std::string("mount --make-shared ") + NETNS_RUN_DIR + " failed: " +
            strerror_of(shared.code()));
        (void)sys_close(t_, *lock);
        return -1;
      }
      if (auto b = sys_mount_bind(t_, NETNS_RUN_DIR, NETNS_RUN_DIR, true); !b) {
        o_.err(std::string("mount --bind ") + NETNS_RUN_DIR + " " + NETNS_RUN_DIR + " failed: " +
            strerror_of(b.code()));
        (void)sys_close(t_, *lock);
        return -1;
      }
      made_run_dir_mount = true;
    }
    (void)sys_close(t_, *lock);
    auto fd = sys_open(t_, path, O_RDONLY | O_CREAT | O_EXCL, 0);
    if (!fd) {
      o_.err("Cannot create namespace file \"" + path + "\": " + strerror_of(fd.code()));
      return -1;
    }
    (void)sys_close(t_, *fd);
    std::string proc_path;
    int saved = -1;
    if (create) {
      auto s = sys_open(t_, "/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
      if (s) saved = *s;
      if (auto r = sys_unshare(t_, CLONE_NEWNET); !r) {
        o_.err("Failed to create a new network namespace \"" + name + "\": " + strerror_of(r.code()));
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
      o_.err("Bind " + proc_path + " -> " + path + " failed: " + strerror_of(r.code()));
      if (create) {
        restore(saved);
        (void)sys_umount_detach(t_, path);
        if (auto u = sys_unlink(t_, path); !u)
          o_.err("Cannot remove namespace file \"" + path + "\": " + strerror_of(u.code()));
      } else if (auto u = sys_unlink(t_, path); !u) {
        o_.err("Cannot remove namespace file \"" + path + "\": " + strerror_of(u.code()));
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
      o_.err("No netns name specified");
      return -1;
    }
    const std::string path = std::string(NETNS_RUN_DIR) + "/" + argv[0];
    (void)sys_umount_detach(t_, path);
    if (auto r = sys_unlink(t_, path); !r) {
      o_.err("Cannot remove namespace file \"" + path + "\": " + strerror_of(r.code()));
      return -1;
    }
    return 0;
  }

  int netns_set(std::vector<std::string>& argv) {
    if (argv.empty()) {
      o_.err("No netns name specified");
      return -1;
    }
    if (argv.size() < 2) {
      o_.err("No nsid specified");
      return -1;
    }
    const std::string& name = argv[0];
    int nsid;
    if (argv[1] == "auto") {
      nsid = -1;
    } else {
      auto v = get_integer(argv[1]);
      if (!v) o_.invarg("Invalid \"netnsid\" value", argv[1]);
      if (*v < 0) o_.invarg("\"netnsid\" value should be >= 0", argv[1]);
      nsid = *v;
    }
    const std::string path = std::string(NETNS_RUN_DIR) + "/" + name;
    auto fd = sys_open(t_, path, O_RDONLY | O_CLOEXEC);
    if (!fd) {
      o_.err("Cannot open network namespace \"" + name + "\": " + strerror_of(fd.code()));
      return -1;
    }
    netlink::nl_builder b = rtnl_.request(RTM_NEWNSID, NLM_F_ACK);
    b.put_u32(NETNSA_FD, static_cast<std::uint32_t>(*fd));
    b.put_s32(NETNSA_NSID, nsid);
    rtnl_reply r = rtnl_.talk(b.finish());
    (void)sys_close(t_, *fd);
    if (r.error) {
      rtnl_client::report(r, o_);
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
      o_.err("Cannot open network namespace: " + strerror_of(fd.code()));
      return std::nullopt;
    }
    auto st = sys_fstat(t_, *fd);
    (void)sys_close(t_, *fd);
    if (!st) {
      o_.err("Stat of netns failed: " + strerror_of(st.code()));
      return std::nullopt;
    }
    return *st;
  }

  int netns_identify(std::vector<std::string>& argv) {
    std::string pidstr;
    if (argv.empty()) {
      pidstr = "self";
    } else if (argv.size() > 1) {
      o_.err("extra arguments specified");
      return -1;
    } else {
      pidstr = argv[0];
      if (!is_pid(pidstr)) {
        o_.err("Specified string '" + pidstr + "' is not a pid");
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
    o_.out += name + "\n";
    return 0;
  }

  int netns_pids(std::vector<std::string>& argv) {
    if (argv.empty()) {
      o_.err("No netns name specified");
      return -1;
    }
    if (argv.size() > 1) {
      o_.err("extra arguments specified");
      return -1;
    }
    auto st = netns_stat(std::string(NETNS_RUN_DIR) + "/" + argv[0]);
    if (!st) return -1;
    auto names = sys_readdir(t_, "/proc/");
    if (!names) {
      o_.err("Open of /proc failed: " + strerror_of(names.code()));
      return -1;
    }
    for (const std::string& n : *names) {
      if (!is_pid(n)) continue;
      auto id = ident("/proc/" + n + "/ns/net");
      if (id && id->first == st->ino && id->second == ((st->dev.major << 20) | st->dev.minor))
        o_.out += n + "\n";
    }
    return 0;
  }

  task& t_;
  ip_output o_;
  rtnl_client rtnl_;
  bool json_ = false;
  std::map<int, std::string> by_nsid_;
};

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
  ip_netns ip(**child);
  try {
    r.status = ip.main(args) & 0xff;
  } catch (const ip_exit& e) {
    r.status = e.status & 0xff;
  }
  (void)m.exit(**child);
  r.out = split_lines(ip.output().out);
  r.err = split_lines(ip.output().errs);
  return r;
}

}  // namespace netns::tools
