// SPDX-License-Identifier: GPL-2.0-only
// The isolated world of one linux-backend run.
//
//   runner ── C: private mount ns (/run a fresh tmpfs holding /run/netns,
//   │            everything else private), the scenario's root netns, new
//   │            uts (hostname "(none)"), ipc and cgroup namespaces, and new
//   │            pid and time namespaces for its children; C only waits
//   │         └─ P1: pid 1 of that pid ns, /proc mounted for it; reaps
//   │               orphans, answers `settle`; lives in a netns of its own
//   │               so it never shows in the scenario's /proc scans
//   │               └─ init, and every task spawned from it
//   └── talks to P1 and to each task over unix stream sockets
//
// Teardown cannot leave anything behind: C dies with the runner
// (PR_SET_PDEATHSIG), P1 with C; when P1, the pid ns's init, exits, the
// kernel kills every process of the pid ns, and with the last of them go
// the mount ns (and its bind mounts) and every namespace they held.
//
// `settle` (see settle_sentinel in linux_world.cpp): P1 makes a sentinel
// netns, gives it an nsid in its own netns, drops it and waits for its
// RTM_DELNSID; twice, because the first only shows that the batch holding
// everything queued before it has started. Each wait is bounded.
#pragma once

#include <sys/types.h>

#include <string>

namespace netns::tools::linux_world {

struct world {
  pid_t c = -1;      // the runner's child (host pid)
  int p1 = -1;       // control socket to P1
  int init = -1;     // control socket to the init task (its hello not yet read)
};

// Starts a world; on failure returns c == -1 and sets `why` (one line).
world start(std::string& why, int timeout_ms);

// Ends it: P1 is told to go (EOF), then C is reaped; SIGKILL after `grace_ms`.
void stop(world& w, int grace_ms);

// How long one sentinel wait may take.
constexpr int settle_round_ms = 10000;

}  // namespace netns::tools::linux_world
