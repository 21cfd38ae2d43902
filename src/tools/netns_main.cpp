// SPDX-License-Identifier: GPL-2.0-only
// `netns`: the scenario language on the command line.
//
//   netns run [--backend model|linux] FILE...   transcripts; exit 1 when an
//                                               expectation fails, 2 when a
//                                               line is malformed
//   netns diff FILE...                          both backends, a unified diff
//                                               of the transcripts; exit 1
//                                               when any differ
//   netns shell [--backend model|linux]         the language interactively
//   netns exec [--world SOCKET] [--trace] [--] PROGRAM [ARG...]
//                                               a real program served by the
//                                               model (hand-parsed below)
//   netns serve SOCKET                          a world for exec --world
//   netns --version
//
// FILE may be `-` (standard input). Several files run one by one, each
// headed by `==> FILE <==`, then a line sums them up; the exit status is
// the worst of them.
//
// --timeout SECONDS bounds each operation of the linux backend.
#include <unistd.h>

#include <sys/wait.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstring>
#include <algorithm>
#include <cstdio>
#include <optional>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "netns/exec/supervisor.hpp"
#include "netns/exec/world.hpp"
#include "netns/machine/machine.hpp"
#include "netns/tools/backend.hpp"
#include "netns/tools/runner.hpp"
#include "netns/tools/scenario.hpp"
#include "shell.hpp"

using namespace netns;
using namespace netns::tools;

namespace {

// Levenshtein distance with adjacent transpositions ("rnu" is one step from
// "run"), for suggesting the subcommand a user meant.
std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i)
    for (std::size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1])});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.size()][b.size()];
}

// The first word that is neither an option nor a subcommand: the message
// names it and, when one is close, the subcommand it was probably meant to
// be. Returns the exit status to end with, or nullopt when all is well.
std::optional<int> unknown_subcommand(const CLI::App& app, int argc, char** argv) {
  if (argc < 2 || argv[1][0] == '-') return std::nullopt;
  const std::string word = argv[1];
  std::string best;
  std::size_t best_distance = 3;  // more than 2 edits away: no suggestion
  std::string names;
  for (const CLI::App* sub : app.get_subcommands({})) {
    if (sub->get_name() == word) return std::nullopt;
    names += (names.empty() ? "" : ", ") + sub->get_name();
    const std::size_t dist = edit_distance(word, sub->get_name());
    if (dist < best_distance) best_distance = dist, best = sub->get_name();
  }
  std::cerr << "netns: unknown command \"" << word << "\"";
  if (!best.empty()) std::cerr << "; did you mean \"" << best << "\"?";
  std::cerr << "\nCommands: " << names << " (netns --help)\n";
  return 2;
}

constexpr const char* exec_usage =
    "Usage: netns exec [--world SOCKET] [--trace] [--] PROGRAM [ARG...]\n"
    "Runs PROGRAM with its namespace calls (unshare, setns, the NS_GET_* ioctls), its\n"
    "/proc/PID/ns/{net,user,uts,mnt,ipc} files, /run (the world's tmpfs) and its NETLINK_ROUTE\n"
    "sockets served by a model world; everything else goes to the host kernel. No root\n"
    "needed.\n"
    "  --world SOCKET  the world `netns serve SOCKET` keeps (default: a world that lives\n"
    "                  as long as this command)\n"
    "  --trace         print each call the model answered, and its result, to stderr\n"
    "The exit status is PROGRAM's (127: not found).\n";

// netns exec: the program's wait status as a shell's exit status.
int exec_program(std::vector<std::string> argv, bool trace, const std::string& world) {
  if (argv.empty()) {
    std::cerr << "netns exec: no program given\n" << exec_usage;
    return 2;
  }
  exec_options opt;
  opt.argv = std::move(argv);
  opt.trace = trace ? stderr : nullptr;
  result<int> status = errc{EINVAL};
  if (world.empty()) {
    machine m{host_limits()};
    status = run_supervised(m, m.init_task(), opt);
  } else {
    bool world_failed = false;
    status = run_in_world(world, opt, &world_failed);
    if (!status && world_failed) {  // nobody serves that world (or not for us)
      std::cerr << "netns exec: world " << world << ": " << std::strerror(status.error().errnum()) << "\n";
      return 126;
    }
  }
  if (!status) {
    const int e = status.error().errnum();
    std::cerr << "netns exec: " << opt.argv.front() << ": " << std::strerror(e) << "\n";
    return e == ENOENT ? 127 : 126;
  }
  if (WIFEXITED(*status)) return WEXITSTATUS(*status);
  if (WIFSIGNALED(*status)) return 128 + WTERMSIG(*status);
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"netns: Linux network namespaces, modelled; scenarios run on the model and on the kernel"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "netns " NETNS_VERSION);

  double timeout_s = 10;
  auto add_timeout = [&](CLI::App* sub) {
    sub->add_option("--timeout", timeout_s, "Seconds each operation may take on the linux backend (default 10)")
        ->check(CLI::Range(0.1, 3600.0));
  };

  std::string backend = "model";
  std::vector<std::string> files;
  auto* run = app.add_subcommand("run", "Run scenario files and print their transcripts");
  run->add_option("--backend", backend, "model (this library) or linux (the kernel; root only)")
      ->check(CLI::IsMember({"model", "linux"}));
  add_timeout(run);
  run->add_option("FILE", files, "Scenario files (.nss); - reads standard input")->required();

  std::vector<std::string> diff_files;
  auto* diff = app.add_subcommand("diff", "Run scenario files on both backends and diff the transcripts (root only)");
  add_timeout(diff);
  diff->add_option("FILE", diff_files, "Scenario files (.nss); - reads standard input")->required();

  std::string shell_backend = "model";
  auto* sh = app.add_subcommand("shell", "Read the scenario language interactively");
  sh->add_option("--backend", shell_backend, "model (this library) or linux (the kernel; root only)")
      ->check(CLI::IsMember({"model", "linux"}));
  add_timeout(sh);

  // Listed for help and suggestions; parsed by hand below, since
  // everything from PROGRAM on is the program's, options included.
  app.add_subcommand("exec",
                     "Run a real program whose namespace calls, /proc/PID/ns files and setns the model serves "
                     "(no root needed): netns exec [--world SOCKET] [--trace] [--] PROGRAM [ARG...]");
  std::string serve_socket;
  auto* serve = app.add_subcommand("serve", "Keep a model world alive for `netns exec --world SOCKET` (until a signal)");
  serve->add_option("SOCKET", serve_socket, "The world's socket path")->required();
  if (argc >= 2 && std::string_view(argv[1]) == "exec") {
    std::vector<std::string> rest(argv + 2, argv + argc);
    bool trace = false;
    std::string world;
    std::size_t i = 0;
    for (; i < rest.size() && rest[i].starts_with("-"); ++i) {
      if (rest[i] == "--") {
        ++i;
        break;
      }
      if (rest[i] == "--trace") {
        trace = true;
      } else if (rest[i] == "--world" || rest[i].starts_with("--world=")) {
        if (rest[i] == "--world" && i + 1 == rest.size()) {
          std::cerr << "netns exec: --world needs a SOCKET\n" << exec_usage;
          return 2;
        }
        world = rest[i] == "--world" ? rest[++i] : rest[i].substr(8);
      } else if (rest[i] == "-h" || rest[i] == "--help") {
        std::cout << exec_usage;
        return 0;
      } else {
        std::cerr << "netns exec: unknown option " << rest[i] << "\n" << exec_usage;
        return 2;
      }
    }
    return exec_program({rest.begin() + static_cast<std::ptrdiff_t>(i), rest.end()}, trace, world);
  }

  if (auto rc = unknown_subcommand(app, argc, argv)) return *rc;
  if (argc < 2) {  // no subcommand: what there is to do, on stderr
    std::cerr << app.help();
    return 2;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  if (*serve) {
    block_stop_signals();  // before the machine's threads start
    machine m{host_limits()};
    if (auto served = serve_world(m, serve_socket, stderr); !served) {
      std::cerr << "netns serve: " << serve_socket << ": " << std::strerror(served.error().errnum()) << "\n";
      return 1;
    }
    return 0;
  }
  linux_options lo;
  lo.timeout_ms = static_cast<int>(timeout_s * 1000);

  if (*run || *diff) {
    const bool linux_needed = *diff || backend == "linux";
    if (linux_needed) {
      if (auto why = linux_backend_unavailable()) {
        std::cerr << "netns: " << *why << "\n";
        return 2;
      }
    }
    files_options o;
    o.diff = diff->parsed();
    o.run.kind = backend == "linux" ? backend_kind::linux_kernel : backend_kind::model;
    o.run.linux_kernel = lo;
    return run_files(*diff ? diff_files : files, o, std::cout, std::cerr);
  }
  return run_shell(shell_backend, lo);
}
