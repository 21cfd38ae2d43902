// SPDX-License-Identifier: GPL-2.0-only
// result<T>: a value or an error, shaped like std::expected<T, failure>.
//
// The error is an errno value (`errc`, e.g. errc{ENOSPC}) with an optional
// message, the text netlink reports as its extended ACK. Bad input from a
// caller is always reported this way, never by an assert or an exception.
//
//   result<net_ref> r = copy_net_ns(k, CLONE_NEWNET, user_ns, old);
//   if (!r) return r.error();          // propagates ENOSPC, ENOMEM, ...
//   net_ref n = std::move(*r);
//
// Cost: a T plus an int and a const char* (messages are static strings, as
// the kernel's NL_SET_ERR_MSG ones are). No allocation.
#pragma once

#include <cassert>
#include <cstring>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

namespace netns {

// An errno value. errc{} (0) means "no error" and is never stored in a result.
struct errc {
  int value = 0;
  friend constexpr bool operator==(errc, errc) = default;
};

// The error half of a result (std::expected's E): errno plus an optional static extack message.
struct failure {
  errc code;
  const char* message = nullptr;  // static storage only; nullptr when there is none

  constexpr failure(errc c, const char* msg = nullptr) : code(c), message(msg) {}
  constexpr int errnum() const { return code.value; }
  std::string_view text() const { return message ? std::string_view(message) : std::string_view(); }
  friend bool operator==(const failure& a, const failure& b) { return a.code == b.code; }
};

// Symbolic name of an errno value: "ENOSPC", "EPERM", ... ("E?4095" if unknown; that
// text lives in a per-thread buffer until the next call).
const char* errno_name(int err);

template <class T>
class [[nodiscard]] result {
 public:
  using value_type = T;

  result(const T& v) : v_(std::in_place_index<0>, v) {}  // NOLINT(google-explicit-constructor)
  result(T&& v) : v_(std::in_place_index<0>, std::move(v)) {}  // NOLINT
  result(failure e) : v_(std::in_place_index<1>, e) { assert(e.code.value != 0); }  // NOLINT
  result(errc c) : result(failure(c)) {}                                            // NOLINT

  bool has_value() const { return v_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  T& value() & { assert(has_value()); return std::get<0>(v_); }
  const T& value() const& { assert(has_value()); return std::get<0>(v_); }
  T&& value() && { assert(has_value()); return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const failure& error_value() const { assert(!has_value()); return std::get<1>(v_); }
  // Named like std::expected::error().
  const failure& error() const { return error_value(); }
  errc code() const { return has_value() ? errc{} : error_value().code; }

 private:
  std::variant<T, failure> v_;
};

template <>
class [[nodiscard]] result<void> {
 public:
  using value_type = void;

  result() = default;
  result(failure e) : e_(e) { assert(e.code.value != 0); }  // NOLINT(google-explicit-constructor)
  result(errc c) : result(failure(c)) {}                    // NOLINT

  bool has_value() const { return e_.code.value == 0; }
  explicit operator bool() const { return has_value(); }
  void value() const { assert(has_value()); }
  const failure& error() const { assert(!has_value()); return e_; }
  errc code() const { return e_.code; }

 private:
  failure e_{errc{}};
};

// A successful result<void>.
inline result<void> ok() { return {}; }

}  // namespace netns
