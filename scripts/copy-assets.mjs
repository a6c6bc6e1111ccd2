#!/usr/bin/env node
// Copies runtime assets into public/ (both targets are git-ignored):
//   node_modules/onnxruntime-web/dist/ → public/ort/: two builds, each an ES module that loads
//     its wasm from outside (the package's 'onnxruntime-web-use-extern-wasm' exports; lib/runtime/ort.ts
//     imports them by URL) with its source map and the one binary it loads:
//       'onnxruntime-web/webgpu': ort.webgpu.min.mjs → ort-wasm-simd-threaded.asyncify.{mjs,wasm}
//         (WebGPU EP + WASM CPU EP, 27 MB), loaded only for WebGPU sessions
//       'onnxruntime-web/wasm':   ort.wasm.min.mjs → ort-wasm-simd-threaded.{mjs,wasm} (WASM CPU EP,
//         14 MB, no asyncify), what WASM sessions run on
//     — the jsep/jspi variants would add ~45 MB nobody downloads
//   models/**  → public/models/   (works when models/ is empty or missing)
//   lib/offline/*.ts → public/sw.js (the service worker, scripts/build-sw.mjs)
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { writeServiceWorker } from './build-sw.mjs';

const root = process.cwd();
const ortPkg = join(root, 'node_modules', 'onnxruntime-web');
const ortSrc = join(ortPkg, 'dist');
const ortDst = join(root, 'public', 'ort');
const modelsSrc = join(root, 'models');
const modelsDst = join(root, 'public', 'models');

rmSync(ortDst, { recursive: true, force: true });
mkdirSync(ortDst, { recursive: true });
const ortModules = existsSync(ortSrc) ? { webgpu: externModule('./webgpu'), wasm: externModule('./wasm') } : null;
// (+ their source maps: fetched only by an open devtools, which would otherwise log a 404)
const ortFiles = ortModules
  ? [
      ortModules.webgpu, `${ortModules.webgpu}.map`, 'ort-wasm-simd-threaded.asyncify.mjs', 'ort-wasm-simd-threaded.asyncify.wasm',
      ortModules.wasm, `${ortModules.wasm}.map`, 'ort-wasm-simd-threaded.mjs', 'ort-wasm-simd-threaded.wasm',
    ]
  : [];
if (ortFiles.length === 0) console.warn('copy-assets: onnxruntime-web is not installed (no ORT files copied)');
for (const f of ortFiles) {
  if (!existsSync(join(ortSrc, f))) throw new Error(`copy-assets: onnxruntime-web has no dist/${f} (did its layout change?)`);
  cpSync(join(ortSrc, f), join(ortDst, f));
}

rmSync(modelsDst, { recursive: true, force: true });
mkdirSync(modelsDst, { recursive: true });
let nModels = 0;
if (existsSync(modelsSrc)) {
  cpSync(modelsSrc, modelsDst, { recursive: true, filter: (src) => !/(^|[\\/])\./.test(src.slice(modelsSrc.length)) });
  nModels = countFiles(modelsDst);
}

const ortVersion = existsSync(ortPkg) ? JSON.parse(readFileSync(join(ortPkg, 'package.json'), 'utf8')).version : 'none';
writeServiceWorker({ build: Date.now().toString(36), ortVersion });

console.log(`copy-assets: ${ortFiles.length} ORT files → public/ort/ (${ortFiles.join(', ')}), ${nModels} model files → public/models/, public/sw.js (ORT ${ortVersion})`);

/** File name of the extern-wasm ES module build of an export ('./webgpu', './wasm'), read from the package's exports. */
function externModule(entry) {
  const exp = JSON.parse(readFileSync(join(ortPkg, 'package.json'), 'utf8')).exports?.[entry]?.import;
  const file = typeof exp === 'object' ? exp['onnxruntime-web-use-extern-wasm'] : undefined;
  if (typeof file !== 'string') throw new Error(`copy-assets: onnxruntime-web's package.json has no extern-wasm import for ${entry}`);
  return basename(file);
}

function countFiles(dir) {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) n += e.isDirectory() ? countFiles(join(dir, e.name)) : 1;
  return n;
}
