// SPDX-License-Identifier: GPL-2.0-only
// Mount data helpers every file system's parser shares (see mount_data.hpp).
#include "mount_data.hpp"

#include <climits>

#include "netns/fs/mount.hpp"

namespace netns::fs {

namespace {

int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return 99;
}

}  // namespace

std::uint64_t parse_digits(std::string_view s, unsigned base, std::size_t& used, bool& overflow) {
  std::size_t i = 0;
  if (base == 0) {
    base = 10;
    if (s.size() > 0 && s[0] == '0') {
      base = 8;
      if (s.size() > 2 && (s[1] == 'x' || s[1] == 'X') && digit_value(s[2]) < 16) {
        base = 16;
        i = 2;
      }
    }
  } else if (base == 16 && s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    i = 2;
  }
  const std::size_t start = i;
  std::uint64_t v = 0;
  overflow = false;
  for (; i < s.size(); ++i) {
    const int d = digit_value(s[i]);
    if (d >= static_cast<int>(base)) break;
    if (v > (UINT64_MAX - static_cast<unsigned>(d)) / base) overflow = true;
    v = v * base + static_cast<unsigned>(d);
  }
  used = i == start ? 0 : i;
  return v;
}

std::optional<std::uint32_t> kstrtouint(std::string_view s, unsigned base) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  std::size_t used = 0;
  bool overflow = false;
  const std::uint64_t v = parse_digits(s, base, used, overflow);
  if (used == 0) return std::nullopt;
  std::string_view rest = s.substr(used);
  if (rest == "\n") rest = {};
  if (!rest.empty() || overflow || v > UINT_MAX) return std::nullopt;
  return static_cast<std::uint32_t>(v);
}

bool sb_word(std::string_view key, unsigned& sb_set, unsigned& sb_clear) {
  static constexpr struct {
    std::string_view name;
    unsigned flag;
    bool set;
  } words[] = {{"dirsync", sb_dirsync, true}, {"lazytime", sb_lazytime, true},
               {"ro", sb_rdonly, true},       {"sync", sb_synchronous, true},
               {"async", sb_synchronous, false}, {"nolazytime", sb_lazytime, false},
               {"rw", sb_rdonly, false}};
  for (const auto& w : words) {
    if (w.name != key) continue;
    (w.set ? sb_set : sb_clear) |= w.flag;
    (w.set ? sb_clear : sb_set) &= ~w.flag;
    return true;
  }
  return false;
}

}  // namespace netns::fs
