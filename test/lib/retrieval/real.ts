// The retrieval tests' model: lm's residual-stream taps on the ONNX graph (onnxruntime-web WASM in Node), as the page runs it.
import { buildTransformerModel } from '@/lib/model/build';
import { names } from '@/lib/model/names';
import type { ResidualsFn } from '@/lib/retrieval/embed';
import { run, session } from '../model/ort';
import { manifest, weightsOf } from '../models/shipped';

export async function lmResiduals(): Promise<{ resid: ResidualsFn; C: number; nLayer: number; ctx: number }> {
  const cfg = manifest().models.lm.config;
  const want = new Set([names.embed(), ...Array.from({ length: cfg.nLayer }, (_, l) => names.residPost(l))]);
  const s = await session(buildTransformerModel(cfg, await weightsOf('lm'), { taps: (n) => want.has(n) }));
  const resid: ResidualsFn = async (ids) => {
    const out = await run(s, { [names.ids()]: { data: BigInt64Array.from(ids, (v) => BigInt(v)), shape: [1, ids.length] } });
    return [...want].map((n) => out[n].data);
  };
  return { resid, C: cfg.dModel, nLayer: cfg.nLayer, ctx: cfg.contextLength };
}

/** The dense layer the lesson and the widget default to (residual stream after block 1). */
export const DEFAULT_LAYER = 1;
