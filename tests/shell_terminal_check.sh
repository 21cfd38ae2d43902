#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# `netns shell` on a real terminal: a tmux pseudo-terminal (a private tmux
# server, a temporary HOME, so that neither the user's tmux nor their
# history is touched). Checks a typed line, Ctrl-C while typing and during
# `events`, Tab (command, task, fd and path names, and a listing), help,
# history across sessions and its bound, the exit status, and Ctrl-D.
# Model backend only: nothing here depends on the host. Every wait is
# bounded (a few seconds) and polls the screen for an expected text.
# Usage: shell_terminal_check.sh NETNS_BINARY
set -uo pipefail
netns=$(realpath "$1")
command -v tmux >/dev/null || { echo "FAIL: tmux is not installed (scripts/install-deps installs it)"; exit 1; }
tmp=$(mktemp -d)
# The server's socket in the temporary directory too: nothing is left behind.
export TMUX_TMPDIR=$tmp
unset TMUX  # run from inside tmux too: the private server only
sock="netns-shell-check-$$"
t() { tmux -L "$sock" -f /dev/null "$@"; }
cleanup() {
  t kill-server >/dev/null 2>&1
  rm -rf "$tmp"
}
trap cleanup EXIT
mkdir "$tmp/home"
fail() {
  echo "FAIL: $*"
  if [ -n "${session:-}" ]; then
    echo "--- screen of $session:"
    screen "$session"
  fi
  exit 1
}

# The whole pane, scrollback included.
screen() { t capture-pane -p -S -1000 -t "$1" 2>/dev/null; }
# Waits up to 5 s for the screen to show TEXT (a fixed string; with -x, a
# whole line).
wait_for() {
  local whole=()
  if [ "$1" = -x ]; then
    whole=(-x)
    shift
  fi
  local i
  for ((i = 0; i < 100; i++)); do
    screen "$session" | grep -qF "${whole[@]}" -- "$1" && return 0
    sleep 0.05
  done
  return 1
}
# How many screen lines are TEXT, whole.
count_lines() { screen "$session" | grep -cxF -- "$1"; }
type_text() { t send-keys -t "$session" -l -- "$1"; }
press() { t send-keys -t "$session" "$@"; }
# Types a line and Enter, and waits for its result line (two blanks in).
run_line() {
  type_text "$1"
  press Enter
  wait_for -x "  $2" || fail "\"$1\" did not print \"$2\""
}
# A session: the shell in a new tmux window, then a marker once it exits,
# and its exit status in a file.
start() {
  session=$1
  t new-session -d -s "$session" -x 120 -y 40 \
    "cd '$tmp' && env HOME='$tmp/home' TERM=screen '$netns' shell; echo \$? > '$tmp/$session.status'; printf '[after]'; sleep 600" ||
    fail "tmux did not start"
  wait_for "netns>" || fail "no prompt"
}
# Waits for the session's shell to exit; prints its status.
status_of() {
  local i
  for ((i = 0; i < 100; i++)); do
    [ -s "$tmp/$1.status" ] && { cat "$tmp/$1.status"; return 0; }
    sleep 0.05
  done
  fail "the shell did not exit"
}

# --- first session
start one

# A typed line runs and prints its result.
run_line "init readlink /proc/self/ns/net" "net:[ns1]"

# Ctrl-C while typing: the line is gone, the prompt comes back on a fresh
# line, the session goes on.
type_text "init spawn doomed"
wait_for "netns> init spawn doomed" || fail "typed text not shown"
press C-c
wait_for -x "netns> init spawn doomed^C" || fail "Ctrl-C while typing"
run_line "init spawn worker" "ok"

# Ctrl-C during `init events 5` (a wait of 2 s): the command ends early
# ("interrupted", which a wait that ran out never prints) and the session
# goes on. Ctrl-C again until it lands: the first may come before the
# command has started waiting.
run_line "init monitor nsid" "ok"
type_text "init events 5"
press Enter
wait_for -x "netns> init events 5" || fail "events line not shown"
start_ns=$(date +%s%N)
for ((i = 0; i < 10; i++)); do
  sleep 0.2
  press C-c
  screen "$session" | grep -qx "<stdin>:4: interrupted" && break
done
wait_for -x "<stdin>:4: interrupted" || fail "Ctrl-C did not interrupt events"
elapsed_ms=$((($(date +%s%N) - start_ns) / 1000000))
run_line "init stat /proc/self/ns/net" "ino ns1"

# Tab: a command name, a task name, a path, an fd name (after close, setns,
# and as %FD in a path), and a listing when the start is ambiguous.
type_text "init spa"
press Tab
type_text "tabbed"
press Enter
wait_for -x "netns> init spawn tabbed" || fail "Tab did not complete the command spawn"
wait_for -x "  ok" || fail "spawn tabbed"
type_text "wor"
press Tab
type_text "stat /run"
press Enter
wait_for -x "netns> worker stat /run" || fail "Tab did not complete the task worker"
wait_for -x "  dir" || fail "worker stat /run"
type_text "init open /pr"
press Tab
type_text "self/ns/n"
press Tab
type_text "as pin"
press Enter
wait_for -x "netns> init open /proc/self/ns/net as pin" || fail "Tab did not complete the path"
type_text "init readlink /proc/self/fd/%p"
press Tab
press Enter
wait_for -x "netns> init readlink /proc/self/fd/%pin" || fail "Tab did not complete %pin"
[ "$(count_lines "  net:[ns1]")" = 2 ] || fail "readlink %pin"
type_text "init setns p"
press Tab
type_text "n"
press Tab
press Enter
wait_for -x "netns> init setns pin net" || fail "Tab did not complete the fd of setns (or its type)"
type_text "init close p"
press Tab
press Enter
wait_for -x "netns> init close pin" || fail "Tab did not complete the fd pin"
# An empty first word: every live task, and the shell's words; not the
# task of the cancelled line.
press Tab
wait_for "tabbed  worker" || fail "Tab did not list the first words"
listing=$(screen "$session" | grep "tabbed  worker")
for w in exit help init quit; do
  [[ " $listing " == *" $w "* ]] || fail "the first-word listing lacks $w: $listing"
done
[[ "$listing" == *doomed* ]] && fail "a cancelled line made a task: $listing"
press C-u

# help: the list, one command in detail, an unknown one.
type_text "help"
press Enter
wait_for "ioctl FD REQ [as FD2]" || fail "help did not list ioctl"
type_text "help open"
press Enter
wait_for "Example: init open /proc/self/ns/net as n0 => ok" || fail "help open"
type_text "help frob"
press Enter
wait_for 'help: no command "frob"' || fail "help frob"

# The last line of the session, which the next one recalls.
run_line "init stat /proc" "dir"

# Ctrl-D on an empty line: the end, status 0 (nothing failed; an
# interrupted command is no failure), and what follows starts on a line
# of its own.
press C-d
[ "$(status_of one)" = 0 ] || fail "Ctrl-D: exit status $(cat "$tmp/one.status")"
wait_for -x "[after]" || fail "Ctrl-D did not leave the cursor on a new line"

history_file="$tmp/home/.netns_history"
[ -f "$history_file" ] || fail "no history file"
grep -qx "init readlink /proc/self/ns/net" "$history_file" || fail "history lacks the first line"
grep -q "doomed" "$history_file" && fail "a cancelled line went into the history"

# --- second session, same HOME: Up recalls the first session's last line.
start two
press Up
wait_for -x "netns> init stat /proc" || fail "Up did not recall the last line of the first session"
press Enter
wait_for -x "  dir" || fail "the recalled line did not run"

# On a terminal neither a failed expectation nor a malformed line ends the
# session; the exit status is the worst seen.
type_text "init stat /run => file"
press Enter
wait_for '<stdin>:2: expected "file", got "dir"' || fail "failed expectation not reported"
type_text "init frob"
press Enter
wait_for '<stdin>:3: unknown command "frob"' || fail "malformed line not reported"
run_line "init stat /run/netns" "dir"
type_text "quit"
press Enter
[ "$(status_of two)" = 2 ] || fail "quit after a malformed line: exit status $(cat "$tmp/two.status")"

# --- the bound: older sessions' 1200 lines, then one more session.
for ((i = 1; i <= 1200; i++)); do echo "init settle # $i"; done >> "$history_file"
start three
press Up
wait_for -x "netns> init settle # 1200" || fail "Up did not recall the newest line of the file"
press C-u
run_line "init stat /" "dir"
type_text "exit"
press Enter
[ "$(status_of three)" = 0 ] || fail "exit: exit status $(cat "$tmp/three.status")"
lines=$(wc -l < "$history_file")
[ "$lines" -le 1000 ] || fail "the history file has $lines lines"
[ "$(tail -n 1 "$history_file")" = "init stat /" ] || fail "history's last line: $(tail -n 1 "$history_file")"
[ "$(tail -n 2 "$history_file" | head -n 1)" = "init settle # 1200" ] || fail "history lost older lines"

session=
echo "shell terminal: all checks passed (Ctrl-C ended events after ${elapsed_ms} ms)"
