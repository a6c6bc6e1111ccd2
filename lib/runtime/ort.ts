/**
 * Lazy, self-hosted onnxruntime-web. This is the only module that loads ORT, and it does so
 * with a dynamic import on first use, so no page pays for ORT until a live widget asks.
 *
 * Build: 'onnxruntime-web/webgpu' (1.30) = the WebGPU execution provider plus the WASM (CPU)
 * one, in one binary: dist/ort-wasm-simd-threaded.asyncify.{mjs,wasm}. scripts/copy-assets.mjs
 * copies those files into public/ort/, and env.wasm.wasmPaths points there (no CDN).
 *
 * Threads: the threaded WASM build needs SharedArrayBuffer, i.e. a cross-origin-isolated page
 * (COOP/COEP headers). A static host usually is not, so we ask for 1 thread there (ORT would
 * fall back anyway, with a console warning).
 */

import type * as OrtTypes from 'onnxruntime-web';
import type { WireDType, WireTensor } from './protocol';

export type OrtModule = typeof OrtTypes;
export type OrtSession = OrtTypes.InferenceSession;
export type OrtTensor = OrtTypes.Tensor;

export interface OrtEnvOptions {
  /** URL prefix of the self-hosted wasm files; null leaves ORT's default (Node tests). */
  wasmBase?: string | null;
  /** WASM threads; default: min(4, cores) when cross-origin isolated, else 1. */
  numThreads?: number;
}

export const DEFAULT_WASM_BASE = '/ort/';

let loader: () => Promise<OrtModule> = () => import('onnxruntime-web/webgpu');
let loaded: Promise<OrtModule> | null = null;
let envOptions: OrtEnvOptions = {};

/** Replaces how ORT is imported (Node tests pass () => import('onnxruntime-web')). */
export function setOrtLoader(fn: () => Promise<OrtModule>, options: OrtEnvOptions = {}): void {
  loader = fn;
  envOptions = options;
  loaded = null;
}

/** Sets env options for the next load (e.g. a base path when the site lives under /repo/). */
export function configureOrt(options: OrtEnvOptions): void {
  envOptions = { ...envOptions, ...options };
}

function defaultThreads(): number {
  const g = globalThis as { crossOriginIsolated?: boolean; navigator?: { hardwareConcurrency?: number } };
  if (!g.crossOriginIsolated) return 1;
  return Math.max(1, Math.min(4, g.navigator?.hardwareConcurrency ?? 1));
}

/** The ORT module, imported and configured once. */
export function loadOrt(): Promise<OrtModule> {
  if (!loaded) {
    loaded = loader().then((mod) => {
      // a CommonJS interop default may wrap the namespace
      const ort = ((mod as { InferenceSession?: unknown }).InferenceSession ? mod : (mod as unknown as { default: OrtModule }).default) as OrtModule;
      const base = envOptions.wasmBase === undefined ? DEFAULT_WASM_BASE : envOptions.wasmBase;
      if (base !== null) ort.env.wasm.wasmPaths = base;
      ort.env.wasm.numThreads = envOptions.numThreads ?? defaultThreads();
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
