// SPDX-License-Identifier: GPL-2.0-only
// proc mount data: parsing and showing (see netns/fs/proc_options.hpp).
// fs_parse's rules for proc_fs_parameters: gid is fsparam_u32 (base from
// the prefix), hidepid and subset are fsparam_string, pidns is
// fsparam_file_or_string (mount(2) gives it a string): a value, not empty.
#include "netns/fs/proc_options.hpp"

#include <fmt/format.h>

#include <cerrno>

#include "mount_data.hpp"
#include "netns/core/user_namespace.hpp"

namespace netns::fs {

namespace {

// proc_parse_hidepid_param: a number the kernel knows, else a name.
result<void> parse_hidepid(std::string_view value, proc_mount_opts& o) {
  if (auto n = kstrtouint(value, 0)) {
    if (*n != 0 && *n != 1 && *n != 2 && *n != 4) return errc{EINVAL};  // valid_hidepid
    o.hide_pid = static_cast<proc_hidepid>(*n);
    return ok();
  }
  static constexpr struct {
    std::string_view name;
    proc_hidepid value;
  } names[] = {{"off", proc_hidepid::off},
               {"noaccess", proc_hidepid::no_access},
               {"invisible", proc_hidepid::invisible},
               {"ptraceable", proc_hidepid::not_ptraceable}};
  for (const auto& n : names)
    if (value == n.name) {
      o.hide_pid = n.value;
      return ok();
    }
  return errc{EINVAL};
}

result<void> parse_one(std::string_view word, const cred* c, proc_mount_opts& o,
                       unsigned& given, unsigned& sb_set, unsigned& sb_clear,
                       const proc_pidns_param& pidns) {
  const std::size_t eq = word.find('=');
  const std::string_view key = word.substr(0, eq);
  const bool has_value = eq != std::string_view::npos;
  const std::string_view value = has_value ? word.substr(eq + 1) : std::string_view();
  if (!has_value && sb_word(key, sb_set, sb_clear)) return ok();
  // Every proc parameter takes a value, and none may be empty.
  if (!has_value || value.empty()) return errc{EINVAL};
  if (key == "gid") {
    auto gid = kstrtouint(value, 0);
    if (!gid) return errc{EINVAL};
    // proc_apply_options: make_kgid(current_user_ns(), gid), unchecked.
    o.pid_gid = c && c->user_ns ? make_kgid(*c->user_ns, *gid) : kgid{*gid};
    given |= proc_param_gid;
    return ok();
  }
  if (key == "hidepid") {
    if (auto r = parse_hidepid(value, o); !r) return r;
    given |= proc_param_hidepid;
    return ok();
  }
  if (key == "subset") {
    // proc_parse_subset_param: "pid" is the one subset there is.
    if (value != "pid") return errc{EINVAL};
    o.pidonly = true;
    given |= proc_param_subset;
    return ok();
  }
  if (key == "pidns") {
    if (!pidns) return errc{EINVAL};
    if (auto r = pidns(value); !r) return r;
    given |= proc_param_pidns;
    return ok();
  }
  return errc{EINVAL};  // unknown to proc (tmpfs's size=, ...)
}

const char* hidepid2str(proc_hidepid v) {
  switch (v) {
    case proc_hidepid::off: return "off";
    case proc_hidepid::no_access: return "noaccess";
    case proc_hidepid::invisible: return "invisible";
    case proc_hidepid::not_ptraceable: break;
  }
  return "ptraceable";
}

}  // namespace

result<void> parse_proc_data(std::string_view data, const cred* c, proc_mount_opts& o,
                             unsigned& given, unsigned& sb_set, unsigned& sb_clear,
                             const proc_pidns_param& pidns) {
  return for_each_data_word(data, [&](std::string_view word) {
    return parse_one(word, c, o, given, sb_set, sb_clear, pidns);
  });
}

result<void> parse_proc_data(std::string_view data, const cred* c, proc_mount_opts& o,
                             unsigned& sb_set, unsigned& sb_clear) {
  unsigned given = 0;
  return parse_proc_data(data, c, o, given, sb_set, sb_clear, nullptr);
}

std::string show_proc_options(const proc_mount_opts& o) {
  std::string out;
  if (o.pid_gid != global_root_gid)
    out += fmt::format(",gid={}", gid_valid(o.pid_gid) ? o.pid_gid.val : overflowgid);
  if (o.hide_pid != proc_hidepid::off) out += fmt::format(",hidepid={}", hidepid2str(o.hide_pid));
  if (o.pidonly) out += ",subset=pid";
  return out;
}

}  // namespace netns::fs
