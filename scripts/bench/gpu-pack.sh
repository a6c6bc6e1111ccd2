#!/usr/bin/env bash
# Packs runtime-gpu.ts and train-gpu.ts with everything they need into one folder to carry to the
# GPU machine (no network there, no project checkout needed): node (xz), an app tarball (the two
# esbuild bundles + node_modules/{webgpu with linux-x64 dawn.node, onnxruntime-common,
# onnxruntime-web's WebGPU files}), lm's config + weights, the Vulkan loader .debs, and run.sh.
#   npm i --prefix /tmp/wgpu webgpu@0.6.2      (once, outside the project)
#   bash scripts/bench/gpu-pack.sh <out dir>    then there: OUT=<dir> bash <out dir>/run.sh
# Locally: GPU=0 OUT=/tmp/x bash <out dir>/run.sh runs the WASM rows only (a smoke test).
set -euo pipefail
out=${1:?out dir}; wgpu=${WGPU:-/tmp/wgpu/node_modules/webgpu}
mkdir -p "$out"; t=$(mktemp -d); a=$t/app; nm=node_modules
mkdir -p $a/$nm/webgpu/dist/linux-x64 $a/$nm/onnxruntime-web/dist $a/lm
cp $wgpu/{package.json,index.js} $a/$nm/webgpu/
cp $wgpu/dist/linux-x64/dawn.node $a/$nm/webgpu/dist/linux-x64/
cp -r $nm/onnxruntime-common $a/$nm/
cp $nm/onnxruntime-web/package.json $a/$nm/onnxruntime-web/
cp $nm/onnxruntime-web/dist/{ort.webgpu.min.mjs,ort.webgpu.bundle.min.mjs,ort.webgpu.mjs,ort-wasm-simd-threaded.asyncify.mjs,ort-wasm-simd-threaded.asyncify.wasm} $a/$nm/onnxruntime-web/dist/
cp models/lm/{config.json,model.safetensors} $a/lm/
for s in runtime-gpu train-gpu; do
  npx esbuild scripts/bench/$s.ts --bundle --platform=node --format=esm --external:onnxruntime-web --external:webgpu --alias:@=. --outfile=$a/$s.mjs --log-level=warning
done
tar -C $t -cf - app | xz -T2 -6 > "$out/app.tar.xz"
[ -f "$out/node.xz" ] || xz -T2 -6 -c "$(readlink -f "$(command -v node)")" > "$out/node.xz"
if ! ls "$out"/*.deb >/dev/null 2>&1; then
  lists=$(mktemp -d); mkdir -p $lists/partial
  o="-oAPT::Architecture=amd64 -oAPT::Architectures=amd64 -oDir::State::Lists=$lists"
  apt-get $o update >/dev/null && (cd "$out" && apt-get $o download libvulkan1 libegl1 libglvnd0 libopengl0 libgl1 libglx0 libgles2 >/dev/null)
fi
cp scripts/bench/gpu-run.sh "$out/run.sh"
rm -rf $t; du -sh "$out"
