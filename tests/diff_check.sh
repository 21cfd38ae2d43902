#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# One scenario on both backends (`netns diff`): passes when the kernel's
# transcript and the model's are the same. Needs root for the kernel side;
# without it the test says so and is skipped (exit 77).
# Usage: diff_check.sh NETNS_BINARY FILE.nss
set -uo pipefail
if [ "$(id -u)" != 0 ]; then
  echo "SKIPPED: netns diff runs the scenario on the kernel, which needs root"
  exit 77
fi
exec "$1" diff "$2"
