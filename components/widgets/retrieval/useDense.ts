'use client';
/**
 * The dense side of the retrieval widget: after Run, lm (in the model worker) embeds the 160
 * passages and the test queries once per engine (progress, Cancel), then the query box's text on
 * every change (debounced by useEvalJob). Each text is one 'taps' forward; every layer of the
 * residual stream is mean-pooled (lib/retrieval/embed.ts), so changing the layer re-ranks
 * without running the model again.
 */
import { useRef } from 'react';
import { MODEL_ID, type Deps } from '@/components/lesson/live-model';
import { names } from '@/lib/model/names';
import { embedTexts, type ResidualsFn } from '@/lib/retrieval/embed';
import type { Backend } from '@/lib/runtime/protocol';
import { residuals } from '../embed-context/useContextTaps';
import { useEvalJob, type EngineChoice } from '../eval-common/useEvalJob';

export interface DenseResult {
  /** [passage][layer] → C */
  passages: Float32Array[][];
  /** [test query][layer] → C */
  queries: Float32Array[][];
  /** The query box's vectors per layer, null for an empty query. */
  query: Float32Array[] | null;
  ran: Backend | null;
}

export function useDense(deps: Deps, passages: readonly string[], tests: readonly string[], query: string, backend: EngineChoice) {
  const base = useRef(new Map<string, { passages: Float32Array[][]; queries: Float32Array[][] }>());
  return useEvalJob<DenseResult>(deps, [MODEL_ID], backend, `${backend}|${query}`, async (c) => {
    const client = await deps.client();
    const cfg = (await client.load(MODEL_ID)).info.config as { nLayer: number; dModel: number; contextLength: number };
    let ran: Backend | null = null;
    const resid: ResidualsFn = async (ids) => {
      const feed = { [names.ids()]: { dtype: 'int64' as const, dims: [1, ids.length], data: BigInt64Array.from(ids, (x) => BigInt(x)) } };
      const r = await client.run(MODEL_ID, 'taps', feed, { workload: 'prefill', ...(backend === 'auto' ? {} : { backend }) });
      ran = r.backend;
      return residuals(r.outputs, cfg.nLayer);
    };
    const enc = (s: string) => c.tok.encode(s);
    const opts = { signal: c.signal, maxTokens: cfg.contextLength };
    let b = base.current.get(backend);
    if (!b) {
      const all = await embedTexts([...passages, ...tests], enc, resid, cfg.dModel, { ...opts, onStep: c.progress });
      b = { passages: all.slice(0, passages.length), queries: all.slice(passages.length) };
      base.current.set(backend, b);
    }
    const q = enc(query).length > 0 ? (await embedTexts([query], enc, resid, cfg.dModel, opts))[0] : null;
    return { ...b, query: q, ran };
  });
}
