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
//
// --timeout SECONDS bounds each operation of the linux backend.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "netns/tools/backend.hpp"
#include "netns/tools/runner.hpp"
#include "netns/tools/scenario.hpp"
#include "shell_input.hpp"

namespace {

using namespace netns::tools;

int shell(const std::string& backend_name, const linux_options& lo) {
  std::unique_ptr<backend> b;
  if (backend_name == "linux") {
    std::string why;
    b = make_linux_backend(lo, why);
    if (!b) {
      std::cerr << "netns: " << why << "\n";
      return 2;
    }
  } else {
    b = make_model_backend();
  }
  std::vector<std::string> tasks{"init"};
  shell_input in;
  int number = 0;
  std::string line;
  while (in.read(line)) {
    ++number;
    std::string trimmed = line;
    trimmed.erase(0, trimmed.find_first_not_of(" \t"));
    if (trimmed == "help" || trimmed == "?") {
      std::cout << "Lines are TASK COMMAND [ARG ...] [=> EXPECTED]; the task init exists.\n";
      for (const auto& [cmd, what] : command_help()) std::cout << "  " << cmd << "\n      " << what << "\n";
      continue;
    }
    if (trimmed == "quit" || trimmed == "exit") break;
    auto saved = tasks;
    auto r = parse_line(line, "<stdin>", number, tasks);
    if (r.error) {
      std::cerr << r.error->text() << "\n";
      continue;
    }
    if (!r.cmd) continue;
    outcome o = b->run(*r.cmd);
    if (o.malformed) {
      std::cerr << "<stdin>:" << number << ": " << *o.malformed << "\n";
      tasks = saved;
      continue;
    }
    if (o.failed) {  // the linux world was torn down: nothing more can run
      std::cerr << "<stdin>:" << number << ": " << *o.failed << "\n";
      return 1;
    }
    for (const std::string& l : o.lines) std::cout << "  " << l << "\n";
    if (r.cmd->expected && joined(o.lines) != *r.cmd->expected)
      std::cerr << "<stdin>:" << number << ": expected \"" << *r.cmd->expected << "\", got \""
                << joined(o.lines) << "\"\n";
    std::cout.flush();
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"netns: Linux network namespaces, modelled; scenarios run on the model and on the kernel"};
  app.require_subcommand(1);

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
  run->add_option("FILE", files, "Scenario files (.nss)")->required();

  std::vector<std::string> diff_files;
  auto* diff = app.add_subcommand("diff", "Run scenario files on both backends and diff the transcripts (root only)");
  add_timeout(diff);
  diff->add_option("FILE", diff_files, "Scenario files (.nss)")->required();

  std::string shell_backend = "model";
  auto* sh = app.add_subcommand("shell", "Read the scenario language interactively");
  sh->add_option("--backend", shell_backend, "model (this library) or linux (the kernel; root only)")
      ->check(CLI::IsMember({"model", "linux"}));
  add_timeout(sh);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
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
    run_options o;
    o.kind = backend == "linux" ? backend_kind::linux_kernel : backend_kind::model;
    o.linux_kernel = lo;
    int rc = 0;
    for (const std::string& f : *diff ? diff_files : files) {
      int r = *diff ? diff_file(f, lo, std::cout, std::cerr) : run_file(f, o, std::cout, std::cerr);
      if (r > rc) rc = r;
      if (r == 2) break;
    }
    return rc;
  }
  return shell(shell_backend, lo);
}
