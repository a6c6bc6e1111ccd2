/**
 * Lazy, self-hosted onnxruntime-web. This is the only module that loads ORT, and it does so
 * with a dynamic import on first use, so no page pays for ORT until a live widget asks.
 *
 * Build: ORT's WebGPU entry (1.30) = the WebGPU execution provider plus the WASM (CPU) one, in
 * one binary, dist/ort-wasm-simd-threaded.asyncify.{mjs,wasm}. We take its "extern wasm" ES
 * module, dist/ort.webgpu.min.mjs (the package's 'onnxruntime-web-use-extern-wasm' condition for
 * 'onnxruntime-web/webgpu'), which imports the asyncify .mjs from env.wasm.wasmPaths at run time.
 * scripts/copy-assets.mjs copies all three files into public/ort/, and in the browser we import
 * the module by URL with a bundler-ignore comment: the bundler neither bundles ORT's JS nor emits
 * a second copy of the 26.8 MB wasm into _next/static/media (its default 'bundle' build asks for
 * the wasm with `new URL(..., import.meta.url)`, which a bundler follows). No CDN: one copy under
 * /ort/, fetched only when a live widget runs a model. Types come from the package (`import type`).
 * Node (tests, benches) has no /ort/ to import: it injects the package with setOrtLoader.
 *
 * Threads: the threaded WASM build needs SharedArrayBuffer, i.e. a cross-origin-isolated page
 * (COOP/COEP headers: scripts/headers.mjs, sent by vercel.json, `npm start` and `npm run dev`, or
 * added by the service worker). Isolated: min(4, cores) threads; not (e.g. an embed inside a
 * course page that is not isolated): 1 thread. See ./threads.ts. The binary we ship,
 * ort-wasm-simd-threaded.asyncify.{mjs,wasm}, is the threaded one: its worker threads are started
 * from the same .mjs, so no extra file is needed.
 */

import type * as OrtTypes from 'onnxruntime-web';
import type { WireDType, WireTensor } from './protocol';
import { currentWasmThreads } from './threads';

export type OrtModule = typeof OrtTypes;
export type OrtSession = OrtTypes.InferenceSession;
export type OrtTensor = OrtTypes.Tensor;

export interface OrtEnvOptions {
  /** Absolute URL prefix of the self-hosted ORT files (module, glue, wasm); null leaves ORT's default (Node tests). */
  wasmBase?: string | null;
  /** WASM threads; default: min(4, cores) when cross-origin isolated, else 1. */
  numThreads?: number;
}

export const DEFAULT_WASM_BASE = '/ort/';
/** ORT's WebGPU (+WASM) ES module that imports its wasm glue from env.wasm.wasmPaths. */
export const ORT_MODULE_FILE = 'ort.webgpu.min.mjs';

/** Where the self-hosted ORT module lives under a wasm base: '/repo/ort/' → '/repo/ort/ort.webgpu.min.mjs'. */
export function ortModuleUrl(base: string): string {
  return `${base.endsWith('/') ? base : `${base}/`}${ORT_MODULE_FILE}`;
}

let envOptions: OrtEnvOptions = {};

/** The configured wasm base; null: leave ORT's default. */
function wasmBase(): string | null {
  return envOptions.wasmBase === undefined ? DEFAULT_WASM_BASE : envOptions.wasmBase;
}

/** The browser's loader: a native import() of the self-hosted module, left alone by the bundler. */
function importSelfHosted(): Promise<OrtModule> {
  const base = wasmBase();
  if (base === null) return Promise.reject(new Error('loadOrt: no wasm base to import ORT from; inject a loader with setOrtLoader'));
  const url = ortModuleUrl(base);
  return import(/* webpackIgnore: true */ /* turbopackIgnore: true */ /* @vite-ignore */ url) as Promise<OrtModule>;
}

let loader: () => Promise<OrtModule> = importSelfHosted;
let loaded: Promise<OrtModule> | null = null;

/** Replaces how ORT is imported (Node tests pass () => import('onnxruntime-web')); null restores the self-hosted import. */
export function setOrtLoader(fn: (() => Promise<OrtModule>) | null, options: OrtEnvOptions = {}): void {
  loader = fn ?? importSelfHosted;
  envOptions = options;
  loaded = null;
}

/** Sets env options for the next load (e.g. a base path when the site lives under /repo/). */
export function configureOrt(options: OrtEnvOptions): void {
  envOptions = { ...envOptions, ...options };
}

/** The ORT module, imported and configured once. */
export function loadOrt(): Promise<OrtModule> {
  if (!loaded) {
    loaded = loader().then((mod) => {
      // a CommonJS interop default may wrap the namespace
      const ort = ((mod as { InferenceSession?: unknown }).InferenceSession ? mod : (mod as unknown as { default: OrtModule }).default) as OrtModule;
      const base = wasmBase();
      if (base !== null) ort.env.wasm.wasmPaths = base;
      ort.env.wasm.numThreads = envOptions.numThreads ?? currentWasmThreads();
      ort.env.logLevel = 'error';
      return ort;
    });
    const attempt = loaded;
    attempt.catch(() => {
      if (loaded === attempt) loaded = null; // let a later call retry (e.g. after a network blip)
    });
  }
  return loaded;
}

/** WireTensor → ort.Tensor (shares the buffer). */
export function toOrtTensor(ort: OrtModule, t: WireTensor): OrtTensor {
  return new ort.Tensor(t.dtype, t.data as never, t.dims);
}

/** ort.Tensor (on the CPU) → WireTensor. */
export function fromOrtTensor(t: OrtTensor): WireTensor {
  return { dtype: t.type as WireDType, dims: [...t.dims], data: t.data as WireTensor['data'] };
}
