/**
 * The typed message protocol between the main thread (./client.ts) and the model worker
 * (./worker.ts → ./host.ts). Everything here survives structuredClone (what postMessage does):
 * plain objects, arrays, typed arrays, bigint arrays — no classes, no functions.
 *
 *   main → worker   Request  {id, type, ...}          one per call; ids are unique per client
 *   worker → main   Response {id, type: 'progress'}    0..n download/build progress events
 *                            {id, type: 'token'}       0..n streamed tokens (generate)
 *                            {id, type: 'result'}      exactly one of result | error ends a call
 *                            {id, type: 'error'}       carries {name, message}
 *
 * Example: client sends {id: 3, type: 'load', modelId: 'tiny-random'}; the worker answers
 * {id: 3, type: 'progress', progress: {phase: 'download', loaded: 4096, total: 81920}} …
 * then {id: 3, type: 'result', request: 'load', result: {modelId, info, backends}}.
 */

import type { GenerateResult, SamplerOptions, TokenEvent } from '@/lib/sample';

export type Backend = 'wasm' | 'webgpu';
export type BackendPreference = Backend | 'auto';
/** prefill = many tokens in one call; decode = one token with a KV cache. */
export type Workload = 'prefill' | 'decode';

export type WireDType = 'float32' | 'float16' | 'int64' | 'int32' | 'int8' | 'uint8' | 'bool';
export type WireData = Float32Array | Uint16Array | BigInt64Array | Int32Array | Int8Array | Uint8Array;

/** A tensor as it crosses postMessage. */
export interface WireTensor {
  dtype: WireDType;
  dims: number[];
  data: WireData;
}

export interface Progress {
  phase: 'download' | 'verify' | 'build' | 'compile' | 'calibrate';
  /** Bytes (download) or steps done. */
  loaded: number;
  /** Unknown when the server sends no Content-Length. */
  total?: number;
  file?: string;
}

export interface BackendTimings {
  wasm?: number;
  webgpu?: number;
}

/** What the UI badge shows: the backend and one sentence saying why. */
export interface BackendChoice {
  backend: Backend;
  reason: string;
  workload?: Workload;
  /** Milliseconds per run measured during calibration. */
  timings?: BackendTimings;
  /** True while the real choice is still being measured in the background (WASM meanwhile). */
  provisional?: boolean;
}

export interface LoadResult {
  modelId: string;
  /** Model facts for the UI (config, parameter count, …) from the model provider. */
  info: Record<string, unknown>;
  /** Backends this device can run ('wasm' always). */
  backends: Backend[];
  /** Why WebGPU is missing, when it is. */
  webgpuReason?: string;
  /**
   * URLs the model worker has finished fetching since its last result (its resource timing), for
   * the page to hand to the service worker: a worker started before the service worker controlled
   * the page (a panel that prefetches as the page opens) fetches outside it, and ORT's .wasm always
   * passes it; those files would not be kept offline. Any result may carry it (./resources.ts); the client reads it from all.
   */
  resources?: string[];
}

export interface RunResult {
  outputs: Record<string, WireTensor>;
  backend: Backend;
  ms: number;
  /** Set when WebGPU failed during this run (e.g. a lost device) and WASM ran it instead. */
  fallback?: string;
}

type WithId<T> = T & { id: number };

export type Request = WithId<
  | { type: 'load'; modelId: string }
  | { type: 'run'; modelId: string; variant: string; feeds: Record<string, WireTensor>; workload?: Workload; /** force a backend (parity checks, benches) */ backend?: Backend }
  | { type: 'generate'; modelId: string; prompt: number[]; maxNewTokens: number; sampler?: SamplerOptions; seed?: number; stopIds?: number[] }
  | { type: 'choose'; modelId: string; workload: Workload; /** wait for the background calibration (benches, the runtime check) */ measured?: boolean }
  | { type: 'setBackend'; preference: BackendPreference }
  | { type: 'cancel'; target: number }
  | { type: 'dispose'; modelId?: string; /** only this graph variant's sessions (the model stays loaded) */ variant?: string }
>;

export type RequestType = Request['type'];
/** The request fields a caller supplies (the client adds the id). */
export type RequestBody<K extends RequestType> = Omit<Extract<Request, { type: K }>, 'id' | 'type'>;

/** backends: which ran the steps (prefill and decode may differ); stepped: decode steps run by a WebGPU step decoder. */
export type GenerateOutcome = GenerateResult & { backends: Backend[]; fallback?: string; stepped?: number };

/** The result type of each request. */
export interface Results {
  load: LoadResult;
  run: RunResult;
  generate: GenerateOutcome;
  choose: BackendChoice;
  setBackend: { preference: BackendPreference };
  cancel: { cancelled: boolean };
  dispose: { disposed: number };
}

export interface WireError {
  name: string;
  message: string;
}

export type Response =
  | { id: number; type: 'progress'; progress: Progress }
  | { id: number; type: 'token'; token: TokenEvent }
  | { [K in RequestType]: { id: number; type: 'result'; request: K; result: Results[K] } }[RequestType]
  | { id: number; type: 'error'; error: WireError };

/** Any thrown value → a cloneable error with a message. */
export function toWireError(e: unknown): WireError {
  if (e instanceof Error) return { name: e.name, message: e.message || e.name };
  return { name: 'Error', message: typeof e === 'string' ? e : JSON.stringify(e) ?? String(e) };
}

/** A WireError back into an Error on the receiving side. */
export function fromWireError(w: WireError): Error {
  const e = new Error(w.message);
  e.name = w.name;
  return e;
}

/** The ArrayBuffers of a message's tensors, to transfer instead of copy. */
export function transferables(tensors: Record<string, WireTensor>): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  for (const t of Object.values(tensors)) {
    if (t.data.buffer instanceof ArrayBuffer && t.data.byteLength === t.data.buffer.byteLength) out.add(t.data.buffer);
  }
  return [...out];
}

const REQUEST_TYPES: ReadonlySet<string> = new Set<RequestType>(['load', 'run', 'generate', 'choose', 'setBackend', 'cancel', 'dispose']);

/** Structural check at the worker's door: rejects anything that is not a Request. */
export function isRequest(x: unknown): x is Request {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as { id?: unknown; type?: unknown };
  return typeof r.id === 'number' && Number.isInteger(r.id) && typeof r.type === 'string' && REQUEST_TYPES.has(r.type);
}

export function isResponse(x: unknown): x is Response {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as { id?: unknown; type?: unknown };
  return typeof r.id === 'number' && (r.type === 'progress' || r.type === 'token' || r.type === 'result' || r.type === 'error');
}
