// SPDX-License-Identifier: GPL-2.0-only
// Operations to frames and back, member by member, by the member's type.
#include "op_wire.hpp"

#include <charconv>
#include <type_traits>
#include <utility>

namespace netns::tools {

namespace {

using linux_wire::frame;

void put(frame& f, const std::string& s) { f.push_back(s); }
void put(frame& f, const path_arg& p) { f.push_back(p.resolved); }
void put(frame& f, const fd_arg& d) { f.push_back(std::to_string(d.number)); }
void put(frame& f, const new_fd_name& n) { f.push_back(n.name); }
void put(frame& f, const task_arg& t) { f.push_back(std::to_string(t.pid)); }
void put(frame& f, const program_args& a) {
  f.push_back(std::to_string(a.resolved.size()));
  f.insert(f.end(), a.resolved.begin(), a.resolved.end());
}
template <class T>
  requires std::is_integral_v<T>
void put(frame& f, T v) {
  f.push_back(std::to_string(v));
}
template <class T>
void put(frame& f, const std::optional<T>& m) {
  f.push_back(m ? "1" : "0");
  if (m) put(f, *m);
}

// Reads the words of one frame in order; any word missing or malformed
// fails the whole decoding.
class reader {
 public:
  explicit reader(const frame& f) : f_(f) {}

  bool get(std::string& s) { return word(s); }
  bool get(path_arg& p) { return word(p.resolved); }
  bool get(fd_arg& d) { return get(d.number); }
  bool get(new_fd_name& n) { return word(n.name); }
  bool get(task_arg& t) { return get(t.pid); }
  bool get(program_args& a) {
    std::size_t n = 0;
    if (!get(n) || n > f_.size() - at_) return false;
    a.resolved.assign(f_.begin() + static_cast<std::ptrdiff_t>(at_),
                      f_.begin() + static_cast<std::ptrdiff_t>(at_ + n));
    at_ += n;
    return true;
  }
  template <class T>
    requires std::is_integral_v<T>
  bool get(T& v) {
    std::string s;
    if (!word(s)) return false;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return ec == std::errc() && p == s.data() + s.size();
  }
  template <class T>
  bool get(std::optional<T>& m) {
    bool present = false;
    if (!get(present)) return false;
    if (!present) return true;
    m.emplace();
    return get(*m);
  }
  bool get(bool& b) {
    std::string s;
    if (!word(s) || (s != "0" && s != "1")) return false;
    b = s == "1";
    return true;
  }
  bool at_end() const { return at_ == f_.size(); }

 private:
  bool word(std::string& s) {
    if (at_ >= f_.size()) return false;
    s = f_[at_++];
    return true;
  }

  const frame& f_;
  std::size_t at_ = 1;  // after the index
};

// An operation of the alternative `index`, value-initialized.
template <std::size_t... I>
std::optional<operation> alternative(std::size_t index, std::index_sequence<I...>) {
  std::optional<operation> op;
  ((index == I ? (void)op.emplace(std::in_place_index<I>) : (void)0), ...);
  return op;
}

}  // namespace

frame encode_op(const operation& op) {
  frame f{std::to_string(op.index())};
  std::visit([&](const auto& o) { for_each_field(o, [&](const auto& m) { put(f, m); }); }, op);
  return f;
}

std::optional<operation> decode_op(const frame& f) {
  std::size_t index = 0;
  if (f.empty()) return std::nullopt;
  auto [p, ec] = std::from_chars(f[0].data(), f[0].data() + f[0].size(), index);
  if (ec != std::errc() || p != f[0].data() + f[0].size()) return std::nullopt;
  auto op = alternative(index, std::make_index_sequence<std::variant_size_v<operation>>());
  if (!op) return std::nullopt;
  reader r(f);
  bool ok = true;
  std::visit([&](auto& o) { for_each_field(o, [&](auto& m) { ok = ok && r.get(m); }); }, *op);
  if (!ok || !r.at_end()) return std::nullopt;
  return op;
}

}  // namespace netns::tools
