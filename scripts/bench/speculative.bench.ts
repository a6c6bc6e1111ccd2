/**
 * Speculative decoding vs plain decoding, ORT WASM (1 thread) in Node, one run (ratios only):
 * lm (target) and lm-draft (draft) through lib/runtime's Runtime with the KV graphs
 * ('kv-prefill' / 'kv-decode'), lib/spec's driver and its caches that roll back.
 *   plain: one kv-decode call of lm per token (lib/spec plainGenerate, the same plumbing)
 *   spec k: k draft steps of lm-draft + one lm call on k + 1 tokens per round, k = 1…8
 * Prints tokens/s, the speed-up over plain, acceptance (accepted ÷ drafted), α̂ (accepted ÷ checked
 * positions, the per-position acceptance probability) and tokens per lm call,
 * greedy and at temperature 1 (seed fixed). Greedy output is checked to equal plain greedy.
 *
 *   npm run bench -- speculative
 */
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import type { TransformerConfig } from '../../lib/model/config';
import { Runtime, type OrtModule, type WireTensor } from '../../lib/runtime';
import { fetchModelWeights, transformerModel } from '../../lib/runtime/transformer';
import { plainGenerate, runtimeLM, speculativeGenerate, specStats, type RunVariant } from '../../lib/spec';
import { mulberry32 } from '../../lib/tensor';
import { loadBpe } from '../../lib/tokenizer/serialize';

const NEW_TOKENS = 64;
const PROMPT = 'It is a truth universally acknowledged, that';

/** fetch() over the repository's models/ folder (the Runtime's provider downloads with fetch). */
async function provider(id: string) {
  const real = globalThis.fetch;
  globalThis.fetch = (async (url: string) => new Response(readFileSync(String(url).replace(/^\//, '')))) as typeof fetch;
  try {
    const { config, weights } = await fetchModelWeights(id, '/models/', () => {});
    return { model: transformerModel(config, weights), config };
  } finally {
    globalThis.fetch = real;
  }
}

export default async function bench(): Promise<void> {
  ort.env.wasm.numThreads = 1;
  ort.env.logLevel = 'error';
  const loaded = { lm: await provider('lm'), 'lm-draft': await provider('lm-draft') } as Record<string, { model: ReturnType<typeof transformerModel>; config: TransformerConfig }>;
  const rt = new Runtime({ provider: async (id) => loaded[id].model, ort: async () => ort as unknown as OrtModule, navigator: {} });
  await rt.load('lm');
  await rt.load('lm-draft');
  const runOf = (id: string): RunVariant => async (variant, feeds) => (await rt.run(id, variant, feeds as Record<string, WireTensor>, 'decode')).outputs;
  const lm = () => runtimeLM(loaded.lm.config, runOf('lm'));
  const draft = () => runtimeLM(loaded['lm-draft'].config, runOf('lm-draft'));
  const tok = loadBpe(JSON.parse(readFileSync('models/tokenizer/austen-bpe-4096.json', 'utf8')));
  const prompt = tok.encode(PROMPT);

  const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const REPS = 3; // each timing: median of 3 runs (the machine is shared and noisy)
  for (const temperature of [0, 1]) {
    const sampler = { temperature };
    const runPlain = () => plainGenerate({ target: lm(), prompt, maxNewTokens: NEW_TOKENS, sampler, rng: mulberry32(42) });
    const runSpec = (k: number) => speculativeGenerate({ target: lm(), draft: draft(), prompt, maxNewTokens: NEW_TOKENS, k, sampler, rng: mulberry32(42) });
    await runPlain(); // warm-up: graphs built, sessions created, every verify shape seen once
    for (let k = 1; k <= 8; k++) await runSpec(k);
    const plainMs: number[] = [];
    let plain = await runPlain();
    for (let i = 0; i < REPS; i++) {
      const t0 = performance.now();
      plain = await runPlain();
      plainMs.push(performance.now() - t0);
    }
    const plainTps = (NEW_TOKENS / median(plainMs)) * 1000;
    const rows: Record<string, string>[] = [{ decoding: 'plain (lm only)', 'tokens/s': plainTps.toFixed(1), 'speed-up': '1.00×', acceptance: '', 'α̂': '', 'tokens / lm call': '1.00', 'ms draft step': '', 'ms lm call': (median(plainMs) / NEW_TOKENS).toFixed(2), 'same ids': '' }];
    for (let k = 1; k <= 8; k++) {
      const ms: number[] = [];
      let r = await runSpec(k);
      for (let i = 0; i < REPS; i++) {
        const t0 = performance.now();
        r = await runSpec(k);
        ms.push(performance.now() - t0);
      }
      const s = specStats(r.rounds);
      const tps = (r.newIds.length / median(ms)) * 1000;
      const draftMs = r.rounds.reduce((a, x) => a + x.draftMs, 0) / r.draftCalls;
      const verifyMs = r.rounds.reduce((a, x) => a + x.verifyMs, 0) / r.rounds.length;
      rows.push({
        decoding: `speculative k=${k}`, 'tokens/s': tps.toFixed(1), 'speed-up': `${(tps / plainTps).toFixed(2)}×`,
        acceptance: `${(100 * s.acceptance).toFixed(1)}%`, 'α̂': s.alpha.toFixed(2), 'tokens / lm call': s.tokensPerCall.toFixed(2),
        'ms draft step': draftMs.toFixed(2), 'ms lm call': verifyMs.toFixed(2),
        'same ids': temperature === 0 ? (r.newIds.join() === plain.newIds.join() ? 'yes' : 'NO') : '(sampled)',
      });
    }
    console.log(`speculative: lm ← lm-draft, ORT WASM 1 thread, prompt ${prompt.length} tokens, ${NEW_TOKENS} new, temperature ${temperature}, seed 42; tokens/s = median of ${REPS}`);
    console.table(rows);
  }
  await rt.dispose();
}
