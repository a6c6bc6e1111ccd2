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
 * Two builds, one per backend (ortBuildFor): WASM sessions load ORT's plain WASM build,
 * dist/ort.wasm.min.mjs + ort-wasm-simd-threaded.{mjs,wasm} (14 MB of wasm instead of 27 MB, and
 * without asyncify's instrumentation of every function, which slows each run); WebGPU sessions
 * load the WebGPU build above, only when a WebGPU session is first created (in the background,
 * while calibrating, or when the student picks WebGPU). The two are separate module instances
 * with separate wasm memories; a tensor never crosses from one to the other (feeds and outputs
 * travel as WireTensors). Measured by scripts/bench/startup.bench.ts.
 *
 * Threads: the threaded WASM build needs SharedArrayBuffer, i.e. a cross-origin-isolated page
 * (COOP/COEP headers: scripts/headers.mjs, sent by vercel.json, `npm start` and `npm run dev`, or
 * added by the service worker). Isolated: min(4, cores) threads; not (e.g. an embed inside a
 * course page that is not isolated): 1 thread. See ./threads.ts. The binary we ship,
 * ort-wasm-simd-threaded.asyncify.{mjs,wasm}, is the threaded one: its worker threads are started
 * from the same .mjs, so no extra file is needed.
 */

import type * as OrtTypes from 'onnxruntime-web';
import { timed } from './marks';
import type { Backend, WireDType, WireTensor } from './protocol';
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
/** Which ORT build: 'wasm' (CPU only, plain wasm) or 'webgpu' (WebGPU + CPU, asyncify wasm). */
export type OrtBuild = 'wasm' | 'webgpu';
/** Each build's ES module that imports its wasm glue from env.wasm.wasmPaths (the packages' extern-wasm imports). */
export const ORT_MODULE_FILES: Readonly<Record<OrtBuild, string>> = { webgpu: 'ort.webgpu.min.mjs', wasm: 'ort.wasm.min.mjs' };
/** ORT's WebGPU (+WASM) ES module. */
export const ORT_MODULE_FILE = ORT_MODULE_FILES.webgpu;

/** The build a backend's sessions need: WASM sessions the small plain one; WebGPU (or unknown) the WebGPU one. */
export function ortBuildFor(backend?: Backend): OrtBuild {
  return backend === 'wasm' ? 'wasm' : 'webgpu';
}

/** Where a self-hosted ORT module lives under a wasm base: '/repo/ort/' → '/repo/ort/ort.webgpu.min.mjs'. */
export function ortModuleUrl(base: string, build: OrtBuild = 'webgpu'): string {
  return `${base.endsWith('/') ? base : `${base}/`}${ORT_MODULE_FILES[build]}`;
}

let envOptions: OrtEnvOptions = {};

/** The configured wasm base; null: leave ORT's default. */
function wasmBase(): string | null {
  return envOptions.wasmBase === undefined ? DEFAULT_WASM_BASE : envOptions.wasmBase;
}

/** The browser's loader: a native import() of the self-hosted module, left alone by the bundler. */
function importSelfHosted(build: OrtBuild): Promise<OrtModule> {
  const base = wasmBase();
  if (base === null) return Promise.reject(new Error('loadOrt: no wasm base to import ORT from; inject a loader with setOrtLoader'));
  const url = ortModuleUrl(base, build);
  return import(/* webpackIgnore: true */ /* turbopackIgnore: true */ /* @vite-ignore */ url) as Promise<OrtModule>;
}

let loader: (build: OrtBuild) => Promise<OrtModule> = importSelfHosted;
const loaded = new Map<OrtBuild, Promise<OrtModule>>();

/**
 * Replaces how ORT is imported (Node tests pass () => import('onnxruntime-web'), which serves
 * both builds); null restores the self-hosted import.
 */
export function setOrtLoader(fn: ((build: OrtBuild) => Promise<OrtModule>) | null, options: OrtEnvOptions = {}): void {
  loader = fn ?? importSelfHosted;
  envOptions = options;
  loaded.clear();
}

/** Sets env options for the next load (e.g. a base path when the site lives under /repo/). */
export function configureOrt(options: OrtEnvOptions): void {
  envOptions = { ...envOptions, ...options };
}

let importedVersion: string | undefined;
/** The onnxruntime-web release of the ORT module imported last (env.versions.web), or undefined before any. */
export const ortVersion = (): string | undefined => importedVersion;

/** An ORT build's module (default: the WebGPU one, which also runs WASM), imported and configured once. */
export function loadOrt(build: OrtBuild = 'webgpu'): Promise<OrtModule> {
  let ready = loaded.get(build);
  if (!ready) {
    ready = timed(`ort:import:${build}`, () => loader(build)).then((mod) => {
      // a CommonJS interop default may wrap the namespace
      const ort = ((mod as { InferenceSession?: unknown }).InferenceSession ? mod : (mod as unknown as { default: OrtModule }).default) as OrtModule;
      const base = wasmBase();
      if (base !== null) ort.env.wasm.wasmPaths = base;
      ort.env.wasm.numThreads = envOptions.numThreads ?? currentWasmThreads();
      ort.env.logLevel = 'error';
      const v = (ort.env.versions as { web?: string } | undefined)?.web;
      if (v) importedVersion = v;
      return ort;
    });
    const attempt = ready;
    loaded.set(build, attempt);
    attempt.catch(() => {
      if (loaded.get(build) === attempt) loaded.delete(build); // let a later call retry (e.g. after a network blip)
    });
  }
  return ready;
}

/** The ORT module for a backend's sessions (see ortBuildFor). */
export const loadOrtFor = (backend?: Backend): Promise<OrtModule> => loadOrt(ortBuildFor(backend));

/** WireTensor → ort.Tensor (shares the buffer). */
export function toOrtTensor(ort: OrtModule, t: WireTensor): OrtTensor {
  return new ort.Tensor(t.dtype, t.data as never, t.dims);
}

/** ort.Tensor (on the CPU) → WireTensor. */
export function fromOrtTensor(t: OrtTensor): WireTensor {
  return { dtype: t.type as WireDType, dims: [...t.dims], data: t.data as WireTensor['data'] };
}
