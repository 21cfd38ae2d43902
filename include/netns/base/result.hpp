// SPDX-License-Identifier: GPL-2.0-only
// result<T>: a value or an error, shaped like std::expected<T, failure>.
//
// The error is an errno value (`errc`, e.g. errc{ENOSPC}) with an optional
// message, the text netlink reports as its extended ACK. Bad input from a
// caller is always reported this way, never by an assert or an exception.
//
// Example:
//   auto parse_mtu = [](int v) -> result<int> {
//     if (v < 68) return failure(errc{EINVAL}, "mtu less than device minimum");
//     return v;
//   };
//   result<int> r = parse_mtu(1500);
//   if (!r) return r.error();          // propagates the errno and its message
//   int mtu = *r;
//
// Cost: a T plus an int and a const char* (messages are static strings, as
// the kernel's NL_SET_ERR_MSG ones are). No allocation.
#pragma once

#include <cassert>
#include <cstring>
#include <string_view>
#include <type_traits>
#include <utility>
#include <new>

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

namespace detail {

// The storage of a result<T>: a value or a failure in place, with a flag.
// No std::variant, whose generic copy, move and reset cost a jump table
// each on hot paths (every path-walk step returns one). Trivially copyable
// when T is (a specialisation, not requires-clauses on the special members,
// which clang 14 mishandles).
template <class T, bool Trivial = std::is_trivially_copyable_v<T>>
class result_storage {
 protected:
  result_storage(const T& v) : ok_(true) { new (&v_) T(v); }
  result_storage(T&& v) : ok_(true) { new (&v_) T(std::move(v)); }
  result_storage(failure e) : e_(e), ok_(false) {}
  result_storage(const result_storage& o) : ok_(o.ok_) {
    if (ok_) new (&v_) T(o.v_);
    else new (&e_) failure(o.e_);
  }
  result_storage(result_storage&& o) noexcept(std::is_nothrow_move_constructible_v<T>)
      : ok_(o.ok_) {
    if (ok_) new (&v_) T(std::move(o.v_));
    else new (&e_) failure(o.e_);
  }
  result_storage& operator=(const result_storage& o) {
    if (this != &o) assign(o);
    return *this;
  }
  result_storage& operator=(result_storage&& o) noexcept(std::is_nothrow_move_constructible_v<T>) {
    if (this != &o) assign(std::move(o));
    return *this;
  }
  ~result_storage() {
    if (ok_) v_.~T();
  }

  union {
    T v_;
    failure e_;
  };
  bool ok_;

 private:
  template <class R>
  void assign(R&& o) {
    if (ok_ && o.ok_) {
      v_ = std::forward<R>(o).v_;
      return;
    }
    if (ok_) v_.~T();
    if (o.ok_) new (&v_) T(std::forward<R>(o).v_);
    else new (&e_) failure(o.e_);
    ok_ = o.ok_;
  }
};

template <class T>
class result_storage<T, true> {
 protected:
  // The whole union is written, so that copying a value-state result never
  // reads bytes nobody set (and GCC's -Wmaybe-uninitialized stays quiet).
  result_storage(const T& v) : e_(errc{}), ok_(true) { new (&v_) T(v); }
  result_storage(failure e) : e_(e), ok_(false) {}

  union {
    T v_;
    failure e_;
  };
  bool ok_;
};

// Makes result<T> as copyable as T (std::expected's rule): the storage
// always declares its copy operations, so a base with deleted ones decides.
template <bool Copyable>
struct copy_gate {};
template <>
struct copy_gate<false> {
  copy_gate() = default;
  copy_gate(const copy_gate&) = delete;
  copy_gate(copy_gate&&) = default;
  copy_gate& operator=(const copy_gate&) = delete;
  copy_gate& operator=(copy_gate&&) = default;
};

}  // namespace detail

template <class T>
class [[nodiscard]] result : private detail::result_storage<T>,
                             private detail::copy_gate<std::is_copy_constructible_v<T>> {
  using base = detail::result_storage<T>;
  using base::ok_;
  using base::v_;
  using base::e_;

 public:
  using value_type = T;

  result(const T& v) : base(v) {}                                    // NOLINT(google-explicit-constructor)
  result(T&& v) : base(std::move(v)) {}                              // NOLINT
  result(failure e) : base(e) { assert(e.code.value != 0); }         // NOLINT
  result(errc c) : result(failure(c)) {}                             // NOLINT

  bool has_value() const { return ok_; }
  explicit operator bool() const { return ok_; }

  T& value() & { assert(ok_); return v_; }
  const T& value() const& { assert(ok_); return v_; }
  // On a temporary (or std::move(r)), the value is moved out into a T of
  // the caller's, not handed out as a reference into the result: a
  // reference would dangle once the temporary died at the end of the full
  // expression, as in `for (auto& e : *rtnl_dumpnsid(t))`. A prvalue is
  // kept alive by the range-for (lifetime extension), and `T x = *f();`
  // still costs a single move.
  T value() && { assert(ok_); return std::move(v_); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const failure& error_value() const { assert(!ok_); return e_; }
  // Named like std::expected::error().
  const failure& error() const { return error_value(); }
  errc code() const { return ok_ ? errc{} : e_.code; }
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
