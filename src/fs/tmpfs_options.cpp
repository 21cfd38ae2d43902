// SPDX-License-Identifier: GPL-2.0-only
// tmpfs mount data: parsing and showing (see tmpfs_options.hpp). Numbers
// follow the kernel's helpers: memparse (base from the prefix, an optional
// K/M/G/T/P/E suffix), kstrtouint (the whole word, base from the prefix,
// or octal for mode=). Probed on 6.18: size rounds up to whole pages and
// shows in KiB; mode keeps its low 12 bits; a later word overrides an
// earlier one; huge=never and inode32 are the defaults and not shown.
#include "tmpfs_options.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <climits>

#include "mount_data.hpp"
#include "mount_flags.hpp"
#include "netns/core/kernel.hpp"
#include "netns/core/user_namespace.hpp"
#include "netns/fs/tmpfs.hpp"

namespace netns::fs {

namespace {

constexpr std::uint64_t page_size = 4096;
constexpr std::uint64_t bogo_inode_size = 1024;  // BOGO_INODE_SIZE
constexpr const char* huge_names[] = {"never", "always", "within_size", "advise"};

std::uint64_t totalram_pages() { return host_memory_bytes() / page_size; }
// shmem_default_max_blocks, shmem_default_max_inodes (no highmem).
std::uint64_t default_max_blocks() { return totalram_pages() / 2; }
std::uint64_t default_max_inodes() {
  return std::min(totalram_pages() / 2, static_cast<std::uint64_t>(ULONG_MAX) / bogo_inode_size);
}

// memparse: a number and an optional size suffix; `rest` what follows.
std::uint64_t memparse(std::string_view s, std::string_view& rest) {
  std::size_t used = 0;
  bool overflow = false;
  std::uint64_t v = parse_digits(s, 0, used, overflow);  // simple_strtoull ignores overflow
  rest = s.substr(used);
  if (used == 0) return 0;
  int shift = 0;
  if (!rest.empty()) {
    switch (rest.front()) {
      case 'E': case 'e': shift = 60; break;
      case 'P': case 'p': shift = 50; break;
      case 'T': case 't': shift = 40; break;
      case 'G': case 'g': shift = 30; break;
      case 'M': case 'm': shift = 20; break;
      case 'K': case 'k': shift = 10; break;
      default: break;
    }
    if (shift) rest.remove_prefix(1);
  }
  return v << shift;
}

result<void> parse_one(std::string_view word, const cred* c, tmpfs_params& p) {
  const std::size_t eq = word.find('=');
  const std::string_view key = word.substr(0, eq);
  const bool has_value = eq != std::string_view::npos;
  const std::string_view value = has_value ? word.substr(eq + 1) : std::string_view();
  if (!has_value && sb_word(key, p.sb_set, p.sb_clear)) return ok();
  const errc bad{EINVAL};
  // The flags of shmem_fs_parameters take no value; the rest need one.
  if (key == "inode64" || key == "inode32" || key == "noswap") {
    if (has_value) return bad;
    if (key == "noswap") {
      // Not in an unprivileged tmpfs (fc->user_ns != &init_user_ns).
      if (c && c->user_ns && c->user_ns->parent()) return bad;
      p.noswap = true;
      p.seen |= tmpfs_seen_noswap;
    } else {
      p.full_inums = key == "inode64";
      p.seen |= tmpfs_seen_inums;
    }
    return ok();
  }
  if (!has_value || value.empty()) return bad;
  std::string_view rest;
  if (key == "size") {
    std::uint64_t size = memparse(value, rest);
    if (!rest.empty() && rest.front() == '%') {
      size = (size << 12) * totalram_pages() / 100;
      rest.remove_prefix(1);
    }
    if (!rest.empty()) return bad;
    p.blocks = (size + page_size - 1) / page_size;
    return ok();
  }
  if (key == "nr_blocks") {
    const std::uint64_t n = memparse(value, rest);
    if (!rest.empty() || n > static_cast<std::uint64_t>(LONG_MAX)) return bad;
    p.blocks = n;
    return ok();
  }
  if (key == "nr_inodes") {
    const std::uint64_t n = memparse(value, rest);
    if (!rest.empty() || n > static_cast<std::uint64_t>(ULONG_MAX) / bogo_inode_size) return bad;
    p.inodes = n;
    return ok();
  }
  if (key == "mode") {
    auto m = kstrtouint(value, 8);
    if (!m) return bad;
    p.mode = *m & 07777;
    return ok();
  }
  if (key == "uid" || key == "gid") {
    auto id = kstrtouint(value, 0);
    if (!id) return bad;
    // The id as the caller's user namespace names it; it must map there.
    if (!c || !c->user_ns) {
      if (key == "uid") p.uid = kuid{*id}; else p.gid = kgid{*id};
      return ok();
    }
    if (key == "uid") {
      const kuid k = make_kuid(*c->user_ns, *id);
      if (!uid_valid(k)) return bad;
      p.uid = k;
    } else {
      const kgid k = make_kgid(*c->user_ns, *id);
      if (!gid_valid(k)) return bad;
      p.gid = k;
    }
    return ok();
  }
  if (key == "huge") {
    for (unsigned i = 0; i < std::size(huge_names); ++i)
      if (value == huge_names[i]) {
        p.huge = i;
        p.seen |= tmpfs_seen_huge;
        return ok();
      }
    return bad;
  }
  return bad;  // unknown to tmpfs (mpol= needs NUMA, which the model lacks)
}

}  // namespace

result<void> parse_tmpfs_data(std::string_view data, const cred* c, tmpfs_params& p) {
  return for_each_data_word(data, [&](std::string_view word) { return parse_one(word, c, p); });
}

std::string show_tmpfs_options(const tmpfs_params& p) {
  std::string out;
  const std::uint64_t blocks = p.blocks.value_or(default_max_blocks());
  if (blocks != default_max_blocks()) out += fmt::format(",size={}k", blocks * (page_size / 1024));
  const std::uint64_t inodes = p.inodes.value_or(default_max_inodes());
  if (inodes != default_max_inodes()) out += fmt::format(",nr_inodes={}", inodes);
  if ((p.mode & 07777) != (S_ISVTX | 0777)) out += fmt::format(",mode={:03o}", p.mode & 07777);
  if (p.uid != global_root_uid)
    out += fmt::format(",uid={}", uid_valid(p.uid) ? p.uid.val : overflowuid);
  if (p.gid != global_root_gid)
    out += fmt::format(",gid={}", gid_valid(p.gid) ? p.gid.val : overflowgid);
  // CONFIG_TMPFS_INODE64 is off on the reference kernel: inode32, the
  // default, is not shown.
  if (p.full_inums) out += ",inode64";
  if (p.huge) out += fmt::format(",huge={}", huge_names[p.huge]);
  if (p.noswap) out += ",noswap";
  return out;
}

result<void> reconfigure_tmpfs(const tmpfs_params& given, tmpfs_params& sb, tmpfs_sb* space) {
  const errc bad{EINVAL};
  // A limit of 0 is none; a tmpfs made without one cannot be given one,
  // nor one below what it holds ("Too small a size for current use",
  // "Too few inodes for current use").
  if (given.blocks && *given.blocks) {
    if (sb.blocks.value_or(default_max_blocks()) == 0) return bad;
    if (space && space->used_blocks() > *given.blocks) return bad;
  }
  if (given.inodes && *given.inodes) {
    if (sb.inodes.value_or(default_max_inodes()) == 0) return bad;
    if (space && space->used_inodes() > *given.inodes) return bad;
  }
  // noswap is for the first mount only; once on it stays, said again or
  // not (probed on 6.18).
  if ((given.seen & tmpfs_seen_noswap) && given.noswap && !sb.noswap) return bad;
  if (given.seen & tmpfs_seen_huge) sb.huge = given.huge;
  if (given.seen & tmpfs_seen_inums) sb.full_inums = given.full_inums;
  if (given.blocks) sb.blocks = given.blocks;
  if (given.inodes) sb.inodes = given.inodes;
  if (space && given.blocks) space->set_max_blocks(*given.blocks);
  if (space && given.inodes) space->set_max_inodes(*given.inodes);
  return ok();
}

}  // namespace netns::fs
