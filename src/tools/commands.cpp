// SPDX-License-Identifier: GPL-2.0-only
// A command's words checked against its shape in the table, and bound
// into its operation. The messages name the first word that is wrong, from
// left to right, after the count of words.
#include <algorithm>
#include <charconv>
#include <cctype>
#include <climits>

#include "netns/tools/commands.hpp"
#include "netns/tools/scenario.hpp"

namespace netns::tools {

namespace {

std::string quote(std::string_view s) { return "\"" + std::string(s) + "\""; }

// A whole number from -2^31 (when `allow_negative`) to 2^32-1.
std::optional<long long> whole_number(std::string_view s, bool allow_negative) {
  if (s.empty() || (!allow_negative && s.front() == '-')) return std::nullopt;
  long long v;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v < INT32_MIN || v > UINT32_MAX)
    return std::nullopt;
  return v;
}

// A raw number in place of a choice's words: decimal (-2^31 up) or 0xHEX,
// to 2^32-1 (a 32-bit nstype or ioctl request as the kernel takes it).
std::optional<long long> raw_number(std::string_view s) {
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    unsigned long long v;
    auto [p, ec] = std::from_chars(s.data() + 2, s.data() + s.size(), v, 16);
    if (ec != std::errc() || p != s.data() + s.size() || v > UINT32_MAX) return std::nullopt;
    return static_cast<long long>(v);
  }
  return whole_number(s, true);
}

const arg_choice* find_choice(const arg_spec& a, std::string_view w) {
  for (const arg_choice& ch : a.choices)
    if (ch.word == w) return &ch;
  return nullptr;
}

bool has_literal(const form_spec& f) {
  auto literal = [](const arg_spec& a) { return a.kind == arg_kind::literal; };
  return std::any_of(f.args.begin(), f.args.end(), literal) ||
         std::any_of(f.optional.begin(), f.optional.end(), literal);
}

class checker {
 public:
  checker(const command_spec& c, std::vector<std::string>& tasks) : c_(c), tasks_(tasks) {}

  command_words run(std::span<const std::string> words) {
    const form_spec* f = select_form(c_, words);
    std::string name(c_.verb);  // how a bad option names the command: "nl newnsid"
    if (!c_.forms.front().request.empty()) {
      if (words.empty()) return fail(std::string(c_.verb) + ": expected " + requests());
      if (!f) return fail(std::string(c_.verb) + ": unknown request " + quote(words[0]));
      name += " " + words[0];
      words = words.subspan(1);
    }
    if (auto e = shape(*f, words); !e.empty()) return fail(e);
    std::vector<arg_value> values;
    std::size_t at = 0;
    for (const arg_spec& a : f->args)
      if (auto e = positional(a, words, at, values); !e.empty()) return fail(e);
    const bool group = !f->optional.empty() && at < words.size();
    for (const arg_spec& a : f->optional) {
      if (!group) {
        if (a.kind != arg_kind::literal) values.emplace_back();
      } else if (auto e = positional(a, words, at, values); !e.empty()) {
        return fail(e);
      }
    }
    if (auto e = options(*f, name, words.subspan(at), values); !e.empty()) return fail(e);
    tasks_.insert(tasks_.end(), spawned_.begin(), spawned_.end());
    command_words out;
    out.op = f->make(values);
    return out;
  }

 private:
  static command_words fail(std::string message) {
    command_words out;
    out.error = std::move(message);
    return out;
  }

  // "newnsid, getnsid or dumpnsid"
  std::string requests() const {
    std::string s;
    for (std::size_t i = 0; i < c_.forms.size(); ++i)
      s += (i == 0 ? "" : i + 1 == c_.forms.size() ? " or " : ", ") + std::string(c_.forms[i].request);
    return s;
  }

  // The count of words (and the literal words): a command with literal
  // words shows its synopsis, any other the counts it takes.
  std::string shape(const form_spec& f, std::span<const std::string> words) const {
    const bool rest = !f.args.empty() && f.args.back().kind == arg_kind::program_args;
    const std::size_t lo = f.args.size() - (rest ? 1 : 0), hi = lo + f.optional.size();
    const std::size_t n = words.size();
    bool ok = rest || !f.options.empty() ? n >= lo : n == lo || (n == hi && hi > lo);
    for (std::size_t i = 0; ok && i < std::min(n, hi); ++i) {
      const arg_spec& a = i < lo ? f.args[i] : f.optional[i - lo];
      if (a.kind == arg_kind::literal && words[i] != a.name) ok = false;
    }
    if (ok) return "";
    const std::string verb(c_.verb);
    if (has_literal(f)) {
      const std::string_view s = c_.synopsis;
      return verb + ": expected " + std::string(s.substr(s.find(' ') + 1));
    }
    return verb + ": expected " +
           (lo == hi ? std::to_string(lo) : std::to_string(lo) + " to " + std::to_string(hi)) +
           " argument" + (hi == 1 ? "" : "s") + ", got " + std::to_string(n);
  }

  bool known(const std::string& t) const {
    return std::find(tasks_.begin(), tasks_.end(), t) != tasks_.end();
  }

  // Checks words[at] (all the words left, for a program's arguments) as `a`.
  std::string positional(const arg_spec& a, std::span<const std::string> words, std::size_t& at,
                         std::vector<arg_value>& values) {
    if (a.kind == arg_kind::literal) {
      ++at;
      return "";
    }
    arg_value v;
    v.present = true;
    if (a.kind == arg_kind::program_args) {
      v.words.assign(words.begin() + static_cast<std::ptrdiff_t>(at), words.end());
      at = words.size();
    } else {
      v.word = words[at++];
    }
    std::string e = check(a, v);
    if (e.empty() && a.kind == arg_kind::new_task) spawned_.push_back(v.word);
    values.push_back(std::move(v));
    return e;
  }

  // Why `v.word` cannot be `a`, or ""; a choice's or a number's value goes
  // to v.number.
  std::string check(const arg_spec& a, arg_value& v) const {
    const std::string& w = v.word;
    switch (a.kind) {
      case arg_kind::path:
        // Absolute, or relative to the task's working directory when it
        // starts with "." (".", "..", "./x", "../x").
        return !w.empty() && (w.front() == '/' || w.front() == '.') ? ""
                                                                    : "not an absolute path: " + quote(w);
      case arg_kind::fd_or_number:
        if (raw_fd_number(w)) return "";
        [[fallthrough]];
      case arg_kind::fd:
      case arg_kind::new_fd:
        return valid_name(w) ? "" : "bad fd name " + quote(w);
      case arg_kind::new_task:
        if (!valid_name(w)) return "bad task name " + quote(w);
        return known(w) ? "task " + w + " exists" : "";
      case arg_kind::task:
        return known(w) ? "" : "unknown task " + quote(w);
      case arg_kind::any_task:
        return known(w) || known("-" + w) ? "" : "unknown task " + quote(w);
      case arg_kind::choice:
        if (const arg_choice* ch = find_choice(a, w)) {
          v.number = ch->value;
          return "";
        }
        if (auto n = a.raw_number ? raw_number(w) : std::nullopt) {
          v.number = *n;
          return "";
        }
        return refused(a, w, w);
      case arg_kind::choice_set:
        return choice_set(a, v);
      case arg_kind::uint_number:
      case arg_kind::int_number:
        if (auto n = whole_number(w, a.kind == arg_kind::int_number)) {
          v.number = *n;
          return "";
        }
        return std::string(c_.verb) + ": not a " + std::string(a.complaint) + ": " + quote(w);
      case arg_kind::hex_bytes:
        if (w.empty() || w.size() % 2 != 0 ||
            !std::all_of(w.begin(), w.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); }))
          return std::string(c_.verb) + ": not hex bytes: " + quote(w);
        return "";
      case arg_kind::literal:
      case arg_kind::text:
      case arg_kind::flag:
      case arg_kind::program_args:
        return "";
    }
    return "";
  }

  // "unshare: bad flag "x" (net, ...)"; with the whole word when `element`
  // is one of a list: "bad flag "x" in "net,x" (net, ...)".
  std::string refused(const arg_spec& a, std::string_view element, const std::string& word) const {
    return std::string(c_.verb) + ": " + std::string(a.complaint) + " " + quote(element) +
           (element == word ? "" : " in " + quote(word)) +
           (a.listed.empty() ? "" : " " + std::string(a.listed));
  }

  // A comma list of choices: each known, none twice, a choice of value 0
  // (which adds nothing to the set) only alone; the values ORed.
  std::string choice_set(const arg_spec& a, arg_value& v) const {
    const std::string& w = v.word;
    // A raw number, alone (a word that is also a choice, "0", is the choice).
    if (auto n = a.raw_number && !find_choice(a, w) ? raw_number(w) : std::nullopt) {
      v.number = *n;
      return "";
    }
    const bool list = w.find(',') != std::string::npos;
    std::vector<std::string_view> seen;
    long set = 0;
    for (std::size_t start = 0;;) {
      const std::size_t comma = std::min(w.find(',', start), w.size());
      const std::string_view e = std::string_view(w).substr(start, comma - start);
      const arg_choice* ch = find_choice(a, e);
      if (!ch && a.data_words && e.find('=') != std::string_view::npos) {
        v.words.emplace_back(e);
        if (comma == w.size()) break;
        start = comma + 1;
        continue;
      }
      if (!ch) return refused(a, e, w);
      if (std::find(seen.begin(), seen.end(), e) != seen.end())
        return std::string(c_.verb) + ": " + quote(e) + " given twice in " + quote(w);
      if (ch->value == 0 && list)
        return std::string(c_.verb) + ": " + quote(e) + " stands alone, not in a list: " + quote(w);
      seen.push_back(e);
      set |= ch->value;
      if (comma == w.size()) break;
      start = comma + 1;
    }
    v.number = set;
    return "";
  }

  // KEY=VALUE options and flags, each at most once, bound in the table's
  // order whatever the order of the words.
  std::string options(const form_spec& f, const std::string& name,
                      std::span<const std::string> words, std::vector<arg_value>& values) {
    const std::size_t first = values.size();
    values.resize(first + f.options.size());
    const std::string verb(c_.verb);
    for (const std::string& w : words) {
      auto find = [&](std::string_view key, bool flag) {
        return std::find_if(f.options.begin(), f.options.end(), [&](const arg_spec& a) {
          return a.name == key && (a.kind == arg_kind::flag) == flag;
        });
      };
      auto it = find(w, true);
      const auto eq = w.find('=');
      const std::string key = it != f.options.end() ? w : w.substr(0, eq);
      if (it == f.options.end()) {
        it = find(key, false);
        if (eq == std::string::npos || it == f.options.end())
          return name + ": bad argument " + quote(w);
      }
      arg_value& v = values[first + static_cast<std::size_t>(it - f.options.begin())];
      if (v.present) return verb + ": " + key + " given twice";
      v.present = true;
      if (it->kind == arg_kind::flag) continue;
      v.word = w.substr(eq + 1);
      if (auto e = check(*it, v); !e.empty()) return e;
    }
    return "";
  }

  const command_spec& c_;
  std::vector<std::string>& tasks_;
  std::vector<std::string> spawned_;  // the new tasks the line names (spawn's)
};

}  // namespace

const form_spec* select_form(const command_spec& c, std::span<const std::string> words) {
  if (!c.forms.front().request.empty()) {
    if (words.empty()) return nullptr;
    auto it = std::find_if(c.forms.begin(), c.forms.end(),
                           [&](const form_spec& f) { return f.request == words[0]; });
    return it == c.forms.end() ? nullptr : &*it;
  }
  for (const form_spec& f : c.forms) {
    auto choice = std::find_if(f.args.begin(), f.args.end(),
                               [](const arg_spec& a) { return a.kind == arg_kind::choice; });
    const auto at = static_cast<std::size_t>(choice - f.args.begin());
    if (choice != f.args.end() && at < words.size() && find_choice(*choice, words[at])) return &f;
  }
  return &c.forms.front();
}

command_words parse_command(const command_spec& c, const std::vector<std::string>& words,
                            std::vector<std::string>& tasks) {
  return checker(c, tasks).run(words);
}

}  // namespace netns::tools
