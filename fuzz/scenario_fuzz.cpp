// SPDX-License-Identifier: GPL-2.0-only
// libFuzzer target: arbitrary text as a scenario file. It must parse to
// commands or to one FILE:LINE error, and whatever parses runs on a fresh
// model backend without a crash or a hang. `events` waits up to 2 s for
// notifications, so the harness drops those commands; at most 64
// commands run per input. Run by `make fuzz`.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "netns/tools/backend.hpp"
#include "netns/tools/runner.hpp"
#include "netns/tools/scenario.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace netns::tools;
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto parsed = parse_scenario(text, "fuzz.nss");
  if (!parsed) {
    const std::string e = parsed.error.text();
    if (e.rfind("fuzz.nss:", 0) != 0) std::abort();  // always FILE:LINE: message
    return 0;
  }
  scenario s;
  for (const command& c : parsed->commands) {
    if (std::holds_alternative<events_op>(c.op)) continue;
    if (s.commands.size() == 64) break;
    s.commands.push_back(c);
  }
  auto b = make_model_backend();
  std::ostringstream out, err;
  const int rc = run_scenario(s, *b, out, err);
  if (rc < 0 || rc > 2) std::abort();
  return 0;
}
