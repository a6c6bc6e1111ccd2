/**
 * Shared by the MoE and SSM lesson widgets: load a shipped model into the page's model worker
 * with the backend the URL asks for, and run a graph variant with a visible fallback — if a graph
 * fails on WebGPU it is run again on WASM and the caller gets a note saying so (never silent).
 */
import { setBackendStatus } from '@/components/ui/backend-status';
import { friendlyError, type Deps, type TokenizerLike } from '@/components/lesson/live-model';
import type { ModelClient } from '@/lib/runtime/client';
import type { Backend, BackendChoice, BackendPreference, Progress, RunResult, WireTensor } from '@/lib/runtime/protocol';
import type { TransformerConfig } from '@/lib/model/config';

export interface Live {
  client: ModelClient;
  tok: TokenizerLike;
  cfg: TransformerConfig;
  choice: BackendChoice;
}

export async function loadLive(deps: Deps, modelId: string, pref: BackendPreference, onProgress: (p: Progress) => void): Promise<Live> {
  const [client, tok] = await Promise.all([deps.client(), deps.tokenizer()]);
  await client.setBackend(pref);
  const loaded = await client.load(modelId, { onProgress });
  const cfg = loaded.info.config as TransformerConfig;
  const choice = await client.choose(modelId, 'prefill');
  setBackendStatus({ backend: choice.backend, reason: choice.reason });
  return { client, tok, cfg, choice };
}

export interface Ran extends Omit<RunResult, 'fallback'> {
  /** Set when the graph failed on WebGPU and ran on WASM instead. */
  fallback: string | null;
}

/** Run on `backend`; a WebGPU failure is retried on WASM and reported in `fallback`. */
export async function runOn(client: ModelClient, modelId: string, variant: string, feeds: Record<string, WireTensor>, backend: Backend): Promise<Ran> {
  try {
    return { ...(await client.run(modelId, variant, feeds, { backend })), fallback: null };
  } catch (e) {
    if (backend !== 'webgpu') throw e;
    const r = await client.run(modelId, variant, feeds, { backend: 'wasm' });
    return { ...r, fallback: `The "${variant}" graph of ${modelId} failed on WebGPU (${friendlyError(e)}), so it ran on WASM instead.` };
  }
}

export const idsFeed = (ids: readonly number[]): WireTensor => ({ dtype: 'int64', dims: [1, ids.length], data: BigInt64Array.from(ids, (i) => BigInt(i)) });

/** Token ids of a text, cut to the last `max` (with a note when cut). */
export function fitIds(tok: TokenizerLike, text: string, max: number): { ids: number[]; note: string | null } {
  const all = tok.encode(text);
  if (all.length <= max) return { ids: all, note: null };
  return { ids: all.slice(-max), note: `The text has ${all.length} tokens; only the last ${max} are used here.` };
}
