// Draft-vs-target agreement of lm-draft and lm on validation windows (ORT WASM in Node):
//   npx tsx training/draft-agreement.ts
// Greedy top-1 agreement, and the mean speculative-sampling acceptance probability sum_j min(p_j, q_j).
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { buildTransformerModel } from '@/lib/model/build';
import { loadWeights } from '@/lib/model/weights';
ort.env.wasm.numThreads = 1;
const man = JSON.parse(readFileSync('models/manifest.json', 'utf8'));
const b = readFileSync('training/data/austen.val.bin');
const val = Array.from({ length: b.length / 2 }, (_, i) => b.readUInt16LE(2 * i));
async function sess(id: string) {
  const m = man.models[id];
  const w = await loadWeights(new Uint8Array(readFileSync(m.files.weights)), { config: m.config });
  return ort.InferenceSession.create(buildTransformerModel(m.config, w), { executionProviders: ['wasm'] });
}
const [lm, dr] = [await sess('lm'), await sess('lm-draft')];
const V = 4096, T = 256;
let agree = 0, n = 0, pAcc = 0;
for (let w = 0; w < 8; w++) {
  const x = new ort.Tensor('int64', BigInt64Array.from(val.slice(w * T, w * T + T), BigInt), [1, T]);
  const a = (await lm.run({ ids: x })).logits.data as Float32Array;
  const d = (await dr.run({ ids: x })).logits.data as Float32Array;
  for (let t = 0; t < T; t++) {
    const sm = (L: Float32Array) => { let m = -1e9; for (let j = 0; j < V; j++) m = Math.max(m, L[t * V + j]); let s = 0; const p = new Float64Array(V); for (let j = 0; j < V; j++) { p[j] = Math.exp(L[t * V + j] - m); s += p[j]; } return p.map((v) => v / s); };
    const p = sm(a), q = sm(d);
    let am = 0, dm = 0; for (let j = 1; j < V; j++) { if (p[j] > p[am]) am = j; if (q[j] > q[dm]) dm = j; }
    if (am === dm) agree++;
    let acc = 0; for (let j = 0; j < V; j++) acc += Math.min(p[j], q[j]); // speculative-sampling acceptance prob at T=1
    pAcc += acc; n++;
  }
}
console.log(`draft vs lm on ${n} validation positions: greedy top-1 agreement ${(100 * agree / n).toFixed(1)}%, mean acceptance probability (sampling, temperature 1) ${(100 * pAcc / n).toFixed(1)}%`);
