#!/usr/bin/env node
/**
 * First-load JS per exported page: the gzip size of every script an HTML page in out/ loads
 * (`<script src>` except `nomodule` legacy polyfills, plus `<link rel=preload|modulepreload
 * as=script>`), before any lazy widget
 * chunk is fetched. Prints a table; exits 1 if a lesson or embed page exceeds the budget, or if any page
 * loads onnxruntime-web up front (it must come in by dynamic import when a live widget needs it).
 * Also exits 1 unless ORT is self-hosted exactly once: its wasm under out/ort/, and neither ORT's JS
 * nor a copy of its wasm in the bundler's output (out/_next/; see lib/runtime/ort.ts).
 *   node scripts/first-load-report.mjs [outDir=out]      env FIRST_LOAD_BUDGET_KB (default 150)
 */
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

const outDir = process.argv[2] ?? 'out';
const budgetKB = Number(process.env.FIRST_LOAD_BUDGET_KB ?? 150);

if (!existsSync(outDir)) {
  console.error(`first-load-report: ${outDir}/ not found (run next build first)`);
  process.exit(1);
}

function htmlFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === '_next' ? [] : htmlFiles(p);
    return e.name.endsWith('.html') ? [p] : [];
  });
}

/** Script URLs a page loads up front. */
export function scriptsOf(html) {
  const srcs = new Set();
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)) {
    if (!/\bnomodule\b/i.test(m[0])) srcs.add(m[1]); // nomodule polyfills: legacy browsers only
  }
  for (const m of html.matchAll(/<link\b[^>]*>/g)) {
    const tag = m[0];
    const href = /\bhref="([^"]+)"/.exec(tag)?.[1];
    if (href && /rel="(modulepreload|preload)"/.test(tag) && (/as="script"/.test(tag) || /modulepreload/.test(tag))) srcs.add(href);
  }
  return [...srcs].filter((s) => s.endsWith('.js') || s.includes('.js?'));
}

function readScript(url) {
  const path = join(outDir, decodeURIComponent(url.split('?')[0]));
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}

const sizeCache = new Map();
function gz(url) {
  const path = join(outDir, decodeURIComponent(url.split('?')[0]));
  if (!sizeCache.has(path)) {
    const buf = existsSync(path) ? readFileSync(path) : Buffer.alloc(0);
    sizeCache.set(path, { raw: buf.length, gzip: buf.length ? gzipSync(buf, { level: 9 }).length : 0 });
  }
  return sizeCache.get(path);
}

const rows = htmlFiles(outDir)
  .map((file) => {
    const rel = relative(outDir, file).split(sep).join('/');
    const route = '/' + rel.replace(/(^|\/)index\.html$/, '$1').replace(/\.html$/, '');
    const scripts = scriptsOf(readFileSync(file, 'utf8'));
    const sum = scripts.reduce((a, s) => ({ raw: a.raw + gz(s).raw, gzip: a.gzip + gz(s).gzip }), { raw: 0, gzip: 0 });
    return { route, n: scripts.length, scripts, ...sum };
  })
  .sort((a, b) => a.route.localeCompare(b.route));

const kb = (n) => (n / 1024).toFixed(1);
console.log('\nFirst-load JS per page (gzip -9 of the scripts each HTML loads up front):');
console.log('route'.padEnd(44) + 'scripts'.padStart(8) + 'raw KB'.padStart(10) + 'gzip KB'.padStart(10));
for (const r of rows) console.log(r.route.padEnd(44) + String(r.n).padStart(8) + kb(r.raw).padStart(10) + kb(r.gzip).padStart(10));

// onnxruntime-web must load only when a live widget needs it (dynamic import), never up front.
const ortMarker = 'InferenceSession';
const eager = rows.filter((r) => r.scripts.some((src) => readScript(src).includes(ortMarker)));
if (eager.length) {
  console.error(`\nFAIL: onnxruntime-web is in the first-load JS of: ${eager.map((r) => r.route).join(', ')} (import it dynamically)`);
  process.exit(1);
}

// ORT is self-hosted once, under /ort/ (scripts/copy-assets.mjs), and imported from there by URL:
// the bundler must neither bundle its JS (whose glue loader names 'ort-wasm-simd-threaded…') nor
// emit a second copy of its wasm into _next/static/media. /ort/ holds one wasm per build: the plain
// WASM build (WASM sessions) and the asyncify WebGPU build (WebGPU sessions).
const ORT_WASM = ['ort-wasm-simd-threaded.asyncify.wasm', 'ort-wasm-simd-threaded.wasm'];
function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}
const MB = 1024 * 1024;
const bundled = filesUnder(join(outDir, '_next'));
const bigWasm = bundled.filter((f) => f.endsWith('.wasm') && statSync(f).size > MB);
const ortJs = bundled.filter((f) => /\.m?js$/.test(f) && readFileSync(f, 'utf8').includes('ort-wasm-simd-threaded'));
const hosted = filesUnder(join(outDir, 'ort')).filter((f) => f.endsWith('.wasm'));
if (bigWasm.length || ortJs.length) {
  console.error(`\nFAIL: onnxruntime-web was bundled into ${outDir}/_next (it must be imported from /ort/ by URL): ${[...bigWasm, ...ortJs].join(', ')}`);
  process.exit(1);
}
const hostedNames = hosted.map((f) => basename(f)).sort();
if (hostedNames.join() !== ORT_WASM.join()) {
  console.error(`\nFAIL: expected the self-hosted ORT wasm ${ORT_WASM.join(' + ')} in ${outDir}/ort/, found ${hostedNames.join(', ') || 'none'} (run scripts/copy-assets.mjs)`);
  process.exit(1);
}
console.log(`ORT self-hosted once: ${hosted.map((f) => `${relative(outDir, f)} (${(statSync(f).size / MB).toFixed(1)} MB)`).join(' + ')}; none in _next/.`);

const budgeted = (route) => route.startsWith('/lessons/') || route.startsWith('/embed/');
const over = rows.filter((r) => budgeted(r.route) && r.gzip > budgetKB * 1024);
if (over.length) {
  console.error(`\nFAIL: pages over the ${budgetKB} KB gzip first-load budget: ${over.map((r) => r.route).join(', ')}`);
  process.exit(1);
}
console.log(`\nLesson and embed pages within the ${budgetKB} KB gzip first-load budget.`);
