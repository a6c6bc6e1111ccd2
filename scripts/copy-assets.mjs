#!/usr/bin/env node
// Copies runtime assets into public/ (both targets are git-ignored):
//   node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.asyncify.{wasm,mjs} → public/ort/
//     (the one binary 'onnxruntime-web/webgpu' loads in 1.30: WebGPU EP + WASM CPU EP; see
//     lib/runtime/ort.ts — the plain/jsep/jspi variants would add ~59 MB nobody downloads)
//   models/**  → public/models/   (works when models/ is empty or missing)
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = process.cwd();
const ortSrc = join(root, 'node_modules', 'onnxruntime-web', 'dist');
const ortDst = join(root, 'public', 'ort');
const modelsSrc = join(root, 'models');
const modelsDst = join(root, 'public', 'models');

rmSync(ortDst, { recursive: true, force: true });
mkdirSync(ortDst, { recursive: true });
const ortFiles = existsSync(ortSrc)
  ? readdirSync(ortSrc).filter((f) => /^ort-wasm-simd-threaded\.asyncify\.(wasm|mjs)$/.test(f))
  : [];
if (ortFiles.length === 0) console.warn('copy-assets: no onnxruntime-web wasm files found (is it installed?)');
for (const f of ortFiles) cpSync(join(ortSrc, f), join(ortDst, f));

rmSync(modelsDst, { recursive: true, force: true });
mkdirSync(modelsDst, { recursive: true });
let nModels = 0;
if (existsSync(modelsSrc)) {
  cpSync(modelsSrc, modelsDst, { recursive: true, filter: (src) => !/(^|[\\/])\./.test(src.slice(modelsSrc.length)) });
  nModels = countFiles(modelsDst);
}

console.log(`copy-assets: ${ortFiles.length} ORT files → public/ort/, ${nModels} model files → public/models/`);

function countFiles(dir) {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) n += e.isDirectory() ? countFiles(join(dir, e.name)) : 1;
  return n;
}
