// SPDX-License-Identifier: GPL-2.0-only
// Tab completion for `netns shell`: the line split as the parser splits it,
// then the current word completed by its place.
#include "shell_complete.hpp"

#include <algorithm>

#include "netns/tools/commands.hpp"

namespace netns::tools {

namespace {

bool blank(char c) { return c == ' ' || c == '\t'; }

struct word {
  std::size_t start = 0;
  std::string text;
};

// The line's words up to the cursor, the last one being the word under
// completion (empty after a blank). nullopt where nothing completes: in a
// comment, in an expectation, in an open quote.
std::optional<std::vector<word>> split_words(std::string_view s) {
  std::vector<word> out;
  std::size_t i = 0;
  const std::size_t n = s.size();
  for (;;) {
    while (i < n && blank(s[i])) ++i;
    if (i >= n) {
      out.push_back({n, ""});
      return out;
    }
    if (s[i] == '#') return std::nullopt;
    word w{i, ""};
    const bool quoted = s[i] == '"';
    if (quoted) {
      ++i;
      bool closed = false;
      while (i < n) {
        char c = s[i++];
        if (c == '"') {
          closed = true;
          break;
        }
        if (c == '\\' && i < n) c = s[i++];
        w.text += c;
      }
      if (!closed) return std::nullopt;
    } else {
      // A # ends the word and starts a comment, as the parser reads it.
      while (i < n && !blank(s[i]) && s[i] != '#') w.text += s[i++];
      if (i < n && s[i] == '#') return std::nullopt;
    }
    if (!quoted && w.text == "=>") return std::nullopt;  // the expectation: free text
    if (i >= n && quoted) return std::nullopt;           // the cursor right after a closing quote
    out.push_back(std::move(w));
    if (i >= n) return out;
  }
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

class completer {
 public:
  completer(std::vector<word> words, const completion_context& ctx)
      : words_(std::move(words)), ctx_(ctx) {
    if (!words_.empty() && contains(ctx_.tasks, words_[0].text)) line_task_ = words_[0].text;
    // Paths are listed as the line's task sees them; before the task is
    // named (or when it is not a task), as init, or the first live task.
    fs_task_ = line_task_;
    if (fs_task_.empty() && !ctx_.tasks.empty())
      fs_task_ = contains(ctx_.tasks, "init") ? "init" : ctx_.tasks.front();
  }

  completion run() {
    const word& cur = words_.back();
    const std::size_t k = words_.size() - 1;
    if (k == 0) {
      std::vector<std::string> first = ctx_.tasks;
      for (std::string_view w : shell_words) first.emplace_back(w);
      return pick(cur.start, cur.text, first, " ");
    }
    if (k == 1) {
      if (words_[0].text == "help" || !line_task_.empty())
        return pick(cur.start, cur.text, verbs(), " ");
      return {};
    }
    if (words_[0].text == "help" || line_task_.empty()) return {};
    if (!cur.text.empty() && cur.text.front() == '/') return path(cur);
    const command_spec* spec = find_command(words_[1].text);
    if (!spec) return {};
    std::vector<std::string> args;
    for (std::size_t i = 2; i < k; ++i) args.push_back(words_[i].text);
    if (!spec->forms.front().request.empty()) return options(cur, *spec, args);
    return argument(cur, *spec, args);
  }

 private:
  // The candidates that start with `typed`, sorted and distinct.
  static completion pick(std::size_t start, const std::string& typed,
                         std::vector<std::string> candidates, std::string suffix) {
    completion c;
    c.start = start;
    c.suffix = std::move(suffix);
    for (auto& s : candidates)
      if (s.starts_with(typed)) c.matches.push_back(std::move(s));
    std::sort(c.matches.begin(), c.matches.end());
    c.matches.erase(std::unique(c.matches.begin(), c.matches.end()), c.matches.end());
    return c;
  }

  static std::vector<std::string> verbs() {
    std::vector<std::string> v;
    for (const command_spec& c : command_table()) v.emplace_back(c.verb);
    return v;
  }

  // The argument at the cursor, by its shape in the table (the form the
  // words so far pick): the fixed words of a command, an fd or task name, a
  // path, a choice (of any form, where the choice picks the form), the
  // element after the last comma of a list; a program's arguments as ip
  // takes them; nothing for a new name or a free word.
  completion argument(const word& cur, const command_spec& spec,
                      const std::vector<std::string>& args) const {
    const form_spec& f = *select_form(spec, args);
    if (!f.args.empty() && f.args.front().kind == arg_kind::program_args) return ip(cur, args);
    const std::size_t i = args.size();
    const arg_spec* a = at(f, i);
    if (!a) return {};
    switch (a->kind) {
      case arg_kind::fd:
      case arg_kind::fd_or_number:
        return fds(cur);
      case arg_kind::task:
        return pick(cur.start, cur.text, ctx_.tasks, " ");
      case arg_kind::path:
        return path(cur);
      case arg_kind::literal:
        return pick(cur.start, cur.text, {std::string(a->name)}, " ");
      case arg_kind::choice: {
        std::vector<std::string> words;
        for (const form_spec& g : spec.forms)
          if (const arg_spec* b = at(g, i); b && b->kind == arg_kind::choice)
            for (const arg_choice& c : b->choices)
              if (c.offered) words.emplace_back(c.word);
        return pick(cur.start, cur.text, std::move(words), " ");
      }
      case arg_kind::choice_set:
        return element(cur, *a);
      default:
        return {};
    }
  }

  // The argument `i` of form `f` (a positional one, then the optional group).
  static const arg_spec* at(const form_spec& f, std::size_t i) {
    if (i < f.args.size()) return &f.args[i];
    if (i - f.args.size() < f.optional.size()) return &f.optional[i - f.args.size()];
    return nullptr;
  }

  // A comma list's element after the last comma: the choices not in the
  // list yet (a choice of value 0 stands alone: only as the first). No
  // blank after it, so that a comma may follow.
  static completion element(const word& cur, const arg_spec& a) {
    const std::size_t comma = cur.text.rfind(',');
    const std::size_t from = comma == std::string::npos ? 0 : comma + 1;
    std::vector<std::string> given;
    for (std::size_t s = 0; s < from;) {
      const std::size_t e = cur.text.find(',', s);
      given.push_back(cur.text.substr(s, e - s));
      s = e + 1;
    }
    std::vector<std::string> words;
    for (const arg_choice& c : a.choices)
      if (c.offered && !contains(given, std::string(c.word)) && (c.value != 0 || given.empty()))
        words.emplace_back(c.word);
    return pick(cur.start + from, cur.text.substr(from), std::move(words), "");
  }

  std::vector<std::string> fd_list() const {
    return ctx_.fd_names && !line_task_.empty() ? ctx_.fd_names(line_task_)
                                                : std::vector<std::string>{};
  }
  completion fds(const word& cur) const { return pick(cur.start, cur.text, fd_list(), " "); }

  std::optional<std::vector<std::string>> list(const std::string& dir) const {
    if (!ctx_.list_dir || fs_task_.empty()) return std::nullopt;
    return ctx_.list_dir(fs_task_, dir);
  }

  // A path: the last component completes from its directory's listing,
  // or, after @ or %, as a task or fd name.
  completion path(const word& cur) const {
    if (cur.text.empty()) return pick(cur.start, "", {"/"}, "");
    const std::size_t slash = cur.text.rfind('/');
    if (slash == std::string::npos) return {};
    const std::string dir = cur.text.substr(0, slash + 1);
    const std::string base = cur.text.substr(slash + 1);
    const std::size_t start = cur.start + slash + 1;
    if (base.starts_with("@")) return pick(start + 1, base.substr(1), ctx_.tasks, "/");
    if (base.starts_with("%")) return pick(start + 1, base.substr(1), fd_list(), " ");
    auto names = list(dir);
    if (!names) return {};
    std::vector<std::string> shown;
    for (auto& n : *names) {
      // A name the line cannot hold as one plain word is left out, and
      // hidden names unless asked for.
      if (n.empty() || n.find_first_of(" \t\"#") != std::string::npos) continue;
      if (n.front() == '.' && !base.starts_with(".")) continue;
      shown.push_back(std::move(n));
    }
    completion c = pick(start, base, std::move(shown), "");
    if (c.matches.size() == 1) c.suffix.assign(1, list(dir + c.matches[0] + "/") ? '/' : ' ');
    return c;
  }

  // A command of several forms (nl): the form's word, then its KEY=VALUE
  // options not given yet, and after KEY= an fd or task name as the
  // option takes (any form's option of that key).
  completion options(const word& cur, const command_spec& spec,
                     const std::vector<std::string>& args) const {
    if (args.empty()) {
      std::vector<std::string> requests;
      for (const form_spec& f : spec.forms) requests.emplace_back(f.request);
      return pick(cur.start, cur.text, std::move(requests), " ");
    }
    if (const std::size_t eq = cur.text.find('='); eq != std::string::npos) {
      const std::string_view key = std::string_view(cur.text).substr(0, eq);
      const std::string value = cur.text.substr(eq + 1);
      for (const form_spec& f : spec.forms)
        for (const arg_spec& o : f.options) {
          if (o.name != key) continue;
          if (o.kind == arg_kind::fd) return pick(cur.start + eq + 1, value, fd_list(), " ");
          if (o.kind == arg_kind::task || o.kind == arg_kind::any_task)
            return pick(cur.start + eq + 1, value, ctx_.tasks, " ");
        }
    }
    std::vector<std::string> keys;
    for (const form_spec& f : spec.forms)
      if (f.request == args[0])
        for (const arg_spec& o : f.options)
          keys.push_back(std::string(o.name) + (o.kind == arg_kind::flag ? "" : "="));
    std::vector<std::string> left;
    for (const auto& key : keys) {
      const bool given = std::any_of(args.begin() + 1, args.end(), [&](const std::string& a) {
        return key.ends_with("=") ? a.starts_with(key) : a == key;
      });
      if (!given) left.push_back(key);
    }
    completion c = pick(cur.start, cur.text, std::move(left), " ");
    if (c.matches.size() == 1 && c.matches[0].ends_with("=")) c.suffix.clear();
    return c;
  }

  // ip's netns subset: its options, its subcommands, and where it takes a
  // namespace name or a task.
  completion ip(const word& cur, const std::vector<std::string>& args) const {
    auto netns_names = [&] { return list("/run/netns/").value_or(std::vector<std::string>{}); };
    if (!args.empty() && args.back() == "-n") return pick(cur.start, cur.text, netns_names(), " ");
    std::size_t i = 0;
    while (i < args.size() && args[i] != "netns") {
      if (args[i] == "-n")
        i += 2;
      else if (args[i].starts_with("-"))
        ++i;
      else
        return {};  // not the netns object
    }
    if (i >= args.size()) return pick(cur.start, cur.text, {"-j", "-n", "netns"}, " ");
    const std::vector<std::string> rest(args.begin() + static_cast<std::ptrdiff_t>(i) + 1,
                                        args.end());
    if (rest.empty())
      return pick(cur.start, cur.text,
                  {"add", "attach", "delete", "identify", "list", "list-id", "pids", "set"}, " ");
    const std::string& sub = rest[0];
    if (rest.size() == 1) {
      if (sub == "delete" || sub == "pids" || sub == "set")
        return pick(cur.start, cur.text, netns_names(), " ");
      if (sub == "identify") return pick(cur.start, cur.text, ctx_.tasks, " ");
    }
    if (sub == "attach" && rest.size() == 2) return pick(cur.start, cur.text, ctx_.tasks, " ");
    if (sub == "set" && rest.size() == 2) return pick(cur.start, cur.text, {"auto"}, " ");
    if (sub == "list-id" && rest.back() != "target-nsid" && rest.back() != "nsid") {
      std::vector<std::string> left;
      for (const char* key : {"nsid", "target-nsid"})
        if (!contains(rest, key)) left.emplace_back(key);
      return pick(cur.start, cur.text, std::move(left), " ");
    }
    return {};
  }

  std::vector<word> words_;
  const completion_context& ctx_;
  std::string line_task_;  // the line's task, when the first word names a live one
  std::string fs_task_;    // the task whose view of the file system paths complete in
};

}  // namespace

completion complete_line(std::string_view before_cursor, const completion_context& ctx) {
  auto words = split_words(before_cursor);
  if (!words) return {};
  return completer(std::move(*words), ctx).run();
}

}  // namespace netns::tools
