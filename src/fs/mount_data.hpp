// SPDX-License-Identifier: GPL-2.0-only
// What every file system's mount data parser shares (fs/fs_context.c's
// generic_parse_monolithic and vfs_parse_sb_flag, lib/kstrtox.c): the
// words between commas, the generic superblock words, numbers as the
// kernel reads them. Not a public header: tmpfs_options.cpp and
// proc_options.cpp.
//
//   auto r = for_each_data_word("size=1m,ro", [&](std::string_view w) { ...; return ok(); });
//   std::optional<std::uint32_t> v = kstrtouint("0x10", 0);     // 16
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string_view>

#include "netns/base/result.hpp"

namespace netns::fs {

// generic_parse_monolithic: f(word) for each word between commas (an empty
// one is skipped); the first error stops the walk and is returned.
template <class F>
result<void> for_each_data_word(std::string_view data, F&& f) {
  while (!data.empty()) {
    const std::size_t comma = std::min(data.find(','), data.size());
    const std::string_view word = data.substr(0, comma);
    if (!word.empty())
      if (auto r = f(word); !r) return r;
    data.remove_prefix(std::min(comma + 1, data.size()));
  }
  return ok();
}

// The digits at the start of `s` in `base` (0: from the prefix, "0x"
// hex, "0" octal), as _parse_integer_fixup_radix and _parse_integer read
// them; `used` the characters taken (0 when no digit); `overflow` set
// when the value does not fit 64 bits.
std::uint64_t parse_digits(std::string_view s, unsigned base, std::size_t& used, bool& overflow);
// kstrtouint: the whole word (a '+' first and a '\n' last allowed).
std::optional<std::uint32_t> kstrtouint(std::string_view s, unsigned base);
// vfs_parse_sb_flag: a generic word (ro, rw, sync, async, dirsync,
// lazytime, nolazytime) sets its SB_* flag in `sb_set` or `sb_clear` (and
// takes it out of the other); false for any other word.
bool sb_word(std::string_view key, unsigned& sb_set, unsigned& sb_clear);

}  // namespace netns::fs
