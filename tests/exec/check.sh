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

# As whom to run: this user, and nobody as well when root can become it
# and nobody can reach every file given (the binaries). Sets `runners`,
# each a command prefix.
set_runners() {
  runners=("")
  local reach=(test -x "$1")
  shift
  for f in "$@"; do reach+=(-a -x "$f"); done
  if ((EUID == 0)) && command -v setpriv >/dev/null &&
     setpriv --reuid=65534 --regid=65534 --clear-groups -- "${reach[@]}" 2>/dev/null; then
    runners+=("setpriv --reuid=65534 --regid=65534 --clear-groups --")
  fi
}

# The cases of a script: `add NAME SCRIPT EXPECTED` appends to the arrays
# names, scripts and wants.
names=() scripts=() wants=()
add() { names+=("$1"); scripts+=("$2"); wants+=("$3"); }
