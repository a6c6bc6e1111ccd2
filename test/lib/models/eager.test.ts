// The TS reference forward (lib/model/transformer.ts + EagerOps) on each shipped model against
// PyTorch's golden numbers (training/export.py: fp32 math on the same float16 weights).
import { afterAll, describe, expect, it } from 'vitest';
import { ids, type AnyTensor } from '@/lib/tensor';
import { EagerOps } from '@/lib/model/eager';
import { eagerStep } from '@/lib/model/kvcache';
import { transformer } from '@/lib/model/transformer';
import type { TransformerConfig } from '@/lib/model/config';
import type { Ops } from '@/lib/model/ops';
import { eagerSsmStep, ssmLm, type SsmCache } from '@/lib/model/ssm-lm';
import { maxErr } from '../model/compare';
import { maskedScore } from '@/lib/interp/mlm';
import { argmaxOf, fixture, lastLogitChecks, meanNll, modelIds, row, tokens, weightsOf } from './shipped';

/** The Transformer, or the state-space LM for configs with cfg.ssm (lm-ssm). */
const forward = <V>(ops: Ops<V>, cfg: TransformerConfig, x: V): { logits: V } => (cfg.ssm ? ssmLm(ops, cfg, x) : transformer(ops, cfg, x));

const TOL = 1e-3; // max |a - b| / max(1, |b|)
const report: string[] = [];
afterAll(() => console.log(`eager vs PyTorch (max relative error):\n${report.join('\n')}`));

for (const id of modelIds()) {
  describe(`${id}: eager TS forward vs PyTorch`, () => {
    const fx = fixture(id);
    const cfg = fx.config;
    const V = cfg.vocabSize;

    it('reproduces the last-position logits (top-10, a strided slice, log-sum-exp) of every case', async () => {
      const w = await weightsOf(id);
      for (const c of fx.cases) {
        const { logits } = forward(new EagerOps(w), cfg, ids(c.ids));
        const T = c.ids.length;
        const last = row(logits.data as Float32Array, T - 1, V);
        const { got, want } = lastLogitChecks(c, last);
        const err = maxErr(got, want);
        report.push(`  ${id.padEnd(16)} logits ${c.name.padEnd(12)} ${err.toExponential(1)}`);
        expect(err, c.name).toBeLessThan(TOL);
        expect(argmaxOf(last), c.name).toBe(c.lastTop[0][0]);
        if (c.positionLogits) {
          const { vocab, values } = c.positionLogits;
          const cols = Array.from({ length: T }, (_, t) => vocab.map((v) => (logits.data as Float32Array)[t * V + v])).flat();
          expect(maxErr(cols, values), `${c.name} every position`).toBeLessThan(TOL);
        }
      }
    });

    it('reproduces the named taps: embedding, attention probabilities, residual streams', async () => {
      const w = await weightsOf(id);
      const ops = new EagerOps(w, { taps: true });
      const c = fx.cases[fx.taps.case];
      forward(ops, cfg, ids(c.ids));
      const T = c.ids.length;
      let worst = 0;
      expect(Object.keys(fx.taps.values).length).toBeGreaterThan(2 * cfg.nLayer);
      for (const [name, tap] of Object.entries(fx.taps.values)) {
        const t = ops.trace.get(name) as AnyTensor | undefined;
        expect(t, name).toBeDefined();
        expect(t!.shape, name).toEqual(tap.shape);
        const data = t!.data as Float32Array;
        const got = tap.values ? Array.from(data) : row(data, T - 1, tap.shape[2]);
        const err = maxErr(got, (tap.values ?? tap.lastPosition)!);
        worst = Math.max(worst, err);
        expect(err, name).toBeLessThan(TOL);
      }
      report.push(`  ${id.padEnd(16)} taps (worst of ${Object.keys(fx.taps.values).length}) ${worst.toExponential(1)}`);
    });

    if (cfg.ssm) {
      it(`greedy decoding with the recurrent state (prefill in the SSD form, then one token at a time) gives PyTorch's ${fx.greedy.steps} tokens`, async () => {
        const w = await weightsOf(id);
        let step = eagerSsmStep(cfg, w, ids(fx.cases[fx.greedy.case].ids));
        const out: number[] = [];
        for (let i = 0; i < fx.greedy.steps; i++) {
          const T = step.logits.shape[1];
          out.push(argmaxOf(row(step.logits.data, T - 1, V)));
          step = eagerSsmStep(cfg, w, ids([out[i]]), step.cache as SsmCache, 'recurrent');
        }
        expect(out).toEqual(fx.greedy.tokens);
      });
    }

    // a bidirectional (encoder-only) model has no KV cache: every token sees later ones (ONNX test re-runs the prefix)
    it.skipIf(!!cfg.ssm || cfg.attnMask?.kind === 'bidirectional')(`greedy decoding with the KV cache gives PyTorch's ${fx.greedy.steps} tokens`, async () => {
      const w = await weightsOf(id);
      const prompt = fx.cases[fx.greedy.case].ids;
      let step = eagerStep(cfg, w, ids(prompt));
      const out: number[] = [];
      for (let i = 0; i < fx.greedy.steps; i++) {
        const T = step.logits.shape[1];
        const next = argmaxOf(row(step.logits.data, T - 1, V));
        out.push(next);
        step = eagerStep(cfg, w, ids([next]), step.cache);
      }
      expect(out).toEqual(fx.greedy.tokens);
    });

    it('validation loss on the fixture slice of austen.val.bin matches the training-side number', async () => {
      const w = await weightsOf(id);
      if (fx.valSlice.objective === 'mlm') {
        // masked-token loss on the fixture's masked windows (inputs/targets written by training/mlm.py)
        const { inputs, targets, loss, accuracy } = fx.valSlice as Required<typeof fx.valSlice>;
        let nll = 0, correct = 0, n = 0;
        inputs.forEach((x, k) => {
          const { logits } = forward(new EagerOps(w), cfg, ids(x));
          const s = maskedScore(logits.data as Float32Array, V, targets[k], V - 1);
          nll += s.loss * s.positions;
          correct += s.accuracy * s.positions;
          n += s.positions;
        });
        report.push(`  ${id.padEnd(16)} masked val slice loss TS ${(nll / n).toFixed(5)} vs PyTorch ${loss}`);
        expect(n).toBe(fx.valSlice.positions);
        expect(Math.abs(nll / n - loss)).toBeLessThan(1e-3 * loss);
        expect(Math.abs(correct / n - accuracy!)).toBeLessThan(0.5 / n);
        return;
      }
      const { startToken, windows, windowLen: T, loss } = fx.valSlice;
      const val = tokens(fx.valSlice.file);
      let total = 0;
      for (let k = 0; k < windows; k++) {
        const s = startToken + k * T;
        const { logits } = forward(new EagerOps(w), cfg, ids(val.slice(s, s + T)));
        total += meanNll(logits.data as Float32Array, val.slice(s + 1, s + T + 1), V);
      }
      report.push(`  ${id.padEnd(16)} val slice loss TS ${(total / windows).toFixed(5)} vs PyTorch ${loss}`);
      expect(Math.abs(total / windows - loss)).toBeLessThan(1e-3 * loss);
    });
  });
}
