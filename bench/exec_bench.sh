#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# netns exec against the kernel, side by side in one run:
#  - one served call (bench/exec_calls.cpp): under netns exec and on the
#    kernel (the kernel's setns needs root);
#  - whole programs: `ip netns add` + `delete` of COUNT names, and
#    `ip netns list` with COUNT names, wall time of each, RUNS runs each,
#    alternating; the kernel's in a mount and net namespace of its own with
#    a private /run (root only).
# Usage: bench/exec_bench.sh [BUILD_DIR] [COUNT] [RUNS]
set -euo pipefail
build=${1:-build} count=${2:-100} runs=${3:-5}
netns=$build/bin/netns calls=$build/bin/netns-exec-calls

echo "== one call, under netns exec"
"$netns" exec -- "$calls"
echo "== one call, on the kernel"
"$calls"

add_del="for i in \$(seq $count); do ip netns add n\$i; done; for i in \$(seq $count); do ip netns del n\$i; done"
list="for i in \$(seq $count); do ip netns add n\$i; done; t0=\$(date +%s%N); ip netns list >/dev/null; t1=\$(date +%s%N); echo \$(((t1 - t0) / 1000))"

median() { sort -n | awk '{a[NR]=$1} END {m=a[int((NR+1)/2)]; printf "median %s (min %s, max %s)", m, a[1], a[NR]}'; }
ms() {  # wall time of a command in ms
  local t0 t1; t0=$(date +%s%N); "$@" >/dev/null; t1=$(date +%s%N); echo $(((t1 - t0) / 1000000))
}
model_add=() kernel_add=() model_list=() kernel_list=()
for ((r = 0; r < runs; r++)); do
  model_add+=("$(ms "$netns" exec -- sh -c "$add_del")")
  model_list+=("$("$netns" exec -- sh -c "$list")")
  if ((EUID == 0)); then
    kernel_add+=("$(ms unshare -m -n sh -c "mount -t tmpfs none /run && { $add_del; }")")
    kernel_list+=("$(unshare -m -n sh -c "mount -t tmpfs none /run && { $list; }")")
  fi
done
echo "== ip netns add + delete of $count names (ms, $runs runs)"
echo "model:  $(printf '%s\n' "${model_add[@]}" | median)"
((EUID == 0)) && echo "kernel: $(printf '%s\n' "${kernel_add[@]}" | median)"
echo "== ip netns list with $count names (us, $runs runs)"
echo "model:  $(printf '%s\n' "${model_list[@]}" | median)"
((EUID == 0)) && echo "kernel: $(printf '%s\n' "${kernel_list[@]}" | median)"
exit 0
