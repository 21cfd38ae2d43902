# SPDX-License-Identifier: GPL-2.0-only
# Sourced by the exec test scripts: `check NAME EXPECTED ACTUAL` prints
# ok or FAIL with a diff, and sets fail=1 on a mismatch.
fail=0
check() {
  if [[ "$2" == "$3" ]]; then
    echo "ok: $1"
  else
    echo "FAIL: $1"; diff <(echo "$2") <(echo "$3") | sed 's/^/  /'; fail=1
  fi
}
