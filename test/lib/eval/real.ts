// Real-weights helpers for the lib/eval tests: an EvalForward on the TS reference (EagerOps) and the lab's BPE.
import { readFileSync } from 'node:fs';
import { ids as idsTensor } from '@/lib/tensor';
import { EagerOps } from '@/lib/model/eager';
import { transformer } from '@/lib/model/transformer';
import { ssmLm } from '@/lib/model/ssm-lm';
import { loadBpe } from '@/lib/tokenizer/serialize';
import type { EvalForward } from '@/lib/eval/forward';
import { manifest, weightsOf } from '../models/shipped';

export const bpe = () => loadBpe(readFileSync('models/tokenizer/austen-bpe-4096.json', 'utf8'));

export async function eagerForward(id: string): Promise<EvalForward> {
  const cfg = manifest().models[id].config;
  const w = await weightsOf(id);
  return async (x) => {
    const { logits } = cfg.ssm ? ssmLm(new EagerOps(w), cfg, idsTensor(x)) : transformer(new EagerOps(w), cfg, idsTensor(x));
    return { logits: logits.data as Float32Array, vocab: cfg.vocabSize };
  };
}

/** The same forward on the ONNX graph (onnxruntime-web WASM in Node): what the page runs, and faster than eager. */
export async function onnxForward(id: string): Promise<EvalForward> {
  const { buildTransformerModel } = await import('@/lib/model/build');
  const { names } = await import('@/lib/model/names');
  const { run, session } = await import('../model/ort');
  const cfg = manifest().models[id].config;
  const s = await session(buildTransformerModel(cfg, await weightsOf(id)));
  return async (x) => {
    const out = await run(s, { [names.ids()]: { data: BigInt64Array.from(x, (v) => BigInt(v)), shape: [1, x.length] } });
    return { logits: out[names.logits()].data, vocab: cfg.vocabSize };
  };
}
