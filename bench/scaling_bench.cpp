// SPDX-License-Identifier: GPL-2.0-only
// `netns-bench --scaling [--max N] [--kernel-max N] [--format csv|json] [--out FILE]`:
// its arguments, the two sides one after the other (the kernel's first, in
// a child process), and the rows as CSV or JSON (docs/benchmarks.md).
#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "bench_util.hpp"
#include "child.hpp"
#include "scaling.hpp"

namespace netns::bench {

namespace {

struct scaling_args {
  long max = 1'000'000;
  long kernel_max = 10'000;
  bool kernel_max_given = false;
  bool json = false;
  const char* out = nullptr;
};

// The kernel holds each namespace of its population by an fd.
long kernel_max_limit() {
  rlimit rl{};
  if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_max == RLIM_INFINITY) return 1'000'000;
  return std::max(0L, static_cast<long>(rl.rlim_max) - 64);
}

bool parse(int argc, char** argv, scaling_args& a) {
  for (int i = 0; i < argc; ++i) {
    const char* opt = argv[i];
    const bool known = !std::strcmp(opt, "--max") || !std::strcmp(opt, "--kernel-max") ||
                       !std::strcmp(opt, "--format") || !std::strcmp(opt, "--out");
    if (!known) {
      std::fprintf(stderr, "netns-bench: --scaling: unknown argument \"%s\" (netns-bench --help)\n",
                   opt);
      return false;
    }
    if (i + 1 >= argc) {
      std::fprintf(stderr, "netns-bench: --scaling: %s needs a value\n", opt);
      return false;
    }
    const char* v = argv[++i];
    if (!std::strcmp(opt, "--max")) {
      if (!parse_count("--max", v, 10'000'000, a.max)) return false;
    } else if (!std::strcmp(opt, "--kernel-max")) {
      if (!parse_count("--kernel-max", v, kernel_max_limit(), a.kernel_max, 0)) return false;
      a.kernel_max_given = true;
    } else if (!std::strcmp(opt, "--format")) {
      if (std::strcmp(v, "csv") && std::strcmp(v, "json")) {
        std::fprintf(stderr, "netns-bench: --format: \"%s\" is not csv or json\n", v);
        return false;
      }
      a.json = !std::strcmp(v, "json");
    } else {
      a.out = v;
    }
  }
  if (!a.kernel_max_given) a.kernel_max = std::min(a.kernel_max, kernel_max_limit());
  a.kernel_max = std::min(a.kernel_max, a.max);
  return true;
}

void put_csv(std::FILE* f, const scaling_row& r) {
  std::fprintf(f, "%s,%s,%s,%ld,%d,%.1f,%.1f,%.1f,%ld\n", r.backend.c_str(), r.metric.c_str(),
               r.unit.c_str(), r.n, r.reps, r.median, r.min, r.max, r.items);
}

constexpr const char* csv_header = "backend,metric,unit,n,reps,median,min,max,items\n";

void put_json(std::FILE* f, const std::vector<scaling_row>& rows) {
  std::fputs("[\n", f);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const scaling_row& r = rows[i];
    std::fprintf(f,
                 "  {\"backend\": \"%s\", \"metric\": \"%s\", \"unit\": \"%s\", \"n\": %ld, "
                 "\"reps\": %d, \"median\": %.1f, \"min\": %.1f, \"max\": %.1f, \"items\": %ld}%s\n",
                 r.backend.c_str(), r.metric.c_str(), r.unit.c_str(), r.n, r.reps, r.median, r.min,
                 r.max, r.items, i + 1 < rows.size() ? "," : "");
  }
  std::fputs("]\n", f);
}

// The kernel's rows, measured in a child (CSV lines back through a pipe);
// none, with a message, when the kernel cannot be measured.
bool kernel_rows(long kernel_max, std::vector<scaling_row>& rows) {
  std::string text;
  const bool ok = run_in_child(
      [&](std::FILE* out) {
        std::string why;
        auto side = make_kernel_side(true, kernel_max, why);
        if (!side) {
          std::fprintf(out, "skipped %s\n", why.c_str());
          return 0;
        }
        for (const scaling_row& r : run_scaling(*side, kernel_max, stderr)) put_csv(out, r);
        return 0;
      },
      text);
  if (!ok) {
    std::fprintf(stderr, "netns-bench: --scaling: the kernel's measurement failed\n");
    return false;
  }
  if (text.rfind("skipped ", 0) == 0) {
    std::fprintf(stderr, "kernel: skipped (%s); model only\n",
                 text.substr(8, text.find('\n') - 8).c_str());
    return true;
  }
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t end = text.find('\n', pos);
    const std::string line = text.substr(pos, end - pos);
    pos = end == std::string::npos ? text.size() : end + 1;
    char backend[16], metric[48], unit[16];
    scaling_row r;
    if (std::sscanf(line.c_str(), "%15[^,],%47[^,],%15[^,],%ld,%d,%lf,%lf,%lf,%ld", backend, metric,
                    unit, &r.n, &r.reps, &r.median, &r.min, &r.max, &r.items) != 9) {
      std::fprintf(stderr, "netns-bench: --scaling: bad row from the kernel side: %s\n",
                   line.c_str());
      return false;
    }
    r.backend = backend, r.metric = metric, r.unit = unit;
    rows.push_back(r);
  }
  return true;
}

}  // namespace

int scaling_command(int argc, char** argv) {
  scaling_args a;
  if (!parse(argc, argv, a)) return 2;
  std::FILE* out = stdout;
  if (a.out && !(out = std::fopen(a.out, "w"))) {
    std::fprintf(stderr, "netns-bench: --out: cannot write \"%s\": %s\n", a.out,
                 std::strerror(errno));
    return 2;
  }
  std::vector<scaling_row> rows;
  if (a.kernel_max == 0)
    std::fprintf(stderr, "kernel: skipped (--kernel-max 0); model only\n");
  else if (geteuid() != 0)
    std::fprintf(stderr, "kernel: skipped (needs root); model only\n");
  else if (!kernel_rows(a.kernel_max, rows))
    return 1;
  {
    auto model = make_model_side(true, a.max);
    for (scaling_row& r : run_scaling(*model, a.max, stderr)) rows.push_back(std::move(r));
  }
  if (a.json) {
    put_json(out, rows);
  } else {
    std::fputs(csv_header, out);
    for (const scaling_row& r : rows) put_csv(out, r);
  }
  if (out != stdout && std::fclose(out) != 0) {
    std::fprintf(stderr, "netns-bench: --out: %s\n", std::strerror(errno));
    return 1;
  }
  return 0;
}

}  // namespace netns::bench
