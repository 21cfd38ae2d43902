#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The layers' include rule (docs/architecture.md): a file of a layer may
# include the public headers of its own layer and of the layers below it,
# never of a layer above. Checks every #include "netns/LAYER/..." line of
# src/LAYER and include/netns/LAYER (comment lines, such as the header
# examples' own includes, are not code and are skipped). Prints each
# violation as FILE:LINE: LAYER includes ABOVE; exit 1 if there is one.
# Usage: check_layers.sh [SOURCE_DIR]
set -euo pipefail
cd "${1:-$(dirname "$0")/..}"

layers=(base core subsys fs task proc netlink machine exec tools)
declare -A rank
for i in "${!layers[@]}"; do rank[${layers[$i]}]=$i; done

bad=0
for layer in "${layers[@]}"; do
  for dir in "src/$layer" "include/netns/$layer"; do
    [ -d "$dir" ] || continue
    while IFS=: read -r file line text; do
      used=$(sed -E 's|^[[:space:]]*#[[:space:]]*include[[:space:]]*"netns/([a-z_]+)/.*|\1|' <<< "$text")
      if [ -z "${rank[$used]+x}" ]; then
        echo "$file:$line: includes an unknown layer \"$used\""; bad=1
      elif ((rank[$used] > rank[$layer])); then
        echo "$file:$line: $layer includes $used, a layer above it"; bad=1
      fi
    done < <(grep -rnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*"netns/' "$dir" || true)
  done
done
# Every folder under src/ and include/netns/ is a layer.
for dir in src/*/ include/netns/*/; do
  name=$(basename "$dir")
  [ -n "${rank[$name]+x}" ] || { echo "$dir: not a layer (add it to docs/architecture.md and here)"; bad=1; }
done
((bad == 0)) && echo "layers: every include goes down or sideways within its layer"
exit $bad
