#!/usr/bin/env bash
# Runs on the GPU machine (see gpu-pack.sh): unpacks node + the app next to itself into a temp
# dir, installs the Vulkan loader (dpkg -x, needs root) and runs runtime-gpu then train-gpu;
# the log goes to $OUT/log.txt. ~3-4 min on an H200. GPU=0: WASM only (local smoke test).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd); OUT=${OUT:-/tmp/out}; mkdir -p "$OUT"
exec > >(tee -a "$OUT/log.txt") 2>&1
date -u; nvidia-smi -L 2>/dev/null || true
if [ "${GPU:-1}" != 0 ]; then
  for f in "$here"/*.deb; do dpkg -x "$f" /; done; ldconfig 2>/dev/null || true
  export VK_DRIVER_FILES=${VK_DRIVER_FILES:-/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json}
  ls "$VK_DRIVER_FILES" || ls /usr/share/vulkan/icd.d /etc/vulkan/icd.d 2>/dev/null
fi
G=$(mktemp -d); cd "$G" && xz -dc "$here/node.xz" > node && chmod +x node && xz -dc "$here/app.tar.xz" | tar -x && cd app
echo "== runtime-gpu ${PRESET:-lm-shape}"; timeout ${T1:-300} ../node runtime-gpu.mjs ${PRESET:-lm-shape}; echo "rc=$?"
if [ "${TRAIN:-1}" != 0 ]; then echo "== train-gpu"; timeout ${T2:-140} ../node train-gpu.mjs lm; echo "rc=$?"; fi
date -u
