// SPDX-License-Identifier: GPL-2.0-only
// `netns`: the scenario language on the command line.
//
//   netns run [--backend model] FILE...   transcripts; exit 1 when an
//                                         expectation fails, 2 when a line
//                                         is malformed
//   netns shell [--backend model]         the same language interactively
//
// The linux backend and `netns diff` come with the next issue.
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

bool backend_ok(const std::string& name) {
  if (name == "model") return true;
  std::cerr << "netns: the " << name << " backend is not available in this build (only model)\n";
  return false;
}

int shell(const std::string& backend_name) {
  if (!backend_ok(backend_name)) return 2;
  auto b = make_model_backend();
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
  CLI::App app{"netns: Linux network namespaces, modelled; scenarios run on the model"};
  app.require_subcommand(1);

  std::string backend = "model";
  std::vector<std::string> files;
  auto* run = app.add_subcommand("run", "Run scenario files and print their transcripts");
  run->add_option("--backend", backend, "model (linux comes later)")->check(CLI::IsMember({"model", "linux"}));
  run->add_option("FILE", files, "Scenario files (.nss)")->required();

  std::string shell_backend = "model";
  auto* sh = app.add_subcommand("shell", "Read the scenario language interactively");
  sh->add_option("--backend", shell_backend, "model (linux comes later)")
      ->check(CLI::IsMember({"model", "linux"}));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }

  if (*run) {
    if (!backend_ok(backend)) return 2;
    int rc = 0;
    for (const std::string& f : files) {
      int r = run_file(f, std::cout, std::cerr);
      if (r > rc) rc = r;
      if (r == 2) break;
    }
    return rc;
  }
  return shell(shell_backend);
}
