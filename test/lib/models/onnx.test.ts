// The ONNX graph that lib/model builds from TS (GraphOps), run by onnxruntime-web's WASM backend
// in Node, on each shipped model against PyTorch's golden numbers (training/export.py).
import { afterAll, describe, expect, it } from 'vitest';
import { ids } from '@/lib/tensor';
import { buildTransformerModel } from '@/lib/model/build';
import { names } from '@/lib/model/names';
import { maxErr } from '../model/compare';
import { run, session } from '../model/ort';
import { argmaxOf, fixture, lastLogitChecks, modelIds, row, weightsOf } from './shipped';

const TOL = 1e-3; // max |a - b| / max(1, |b|)
const report: string[] = [];
afterAll(() => console.log(`ONNX (WASM) vs PyTorch (max relative error):\n${report.join('\n')}`));

const feed = (v: number[]) => ({ [names.ids()]: ids(v) as { data: BigInt64Array; shape: number[] } });

for (const id of modelIds()) {
  describe(`${id}: ONNX graph on onnxruntime-web (WASM) vs PyTorch`, () => {
    const fx = fixture(id);
    const cfg = fx.config;
    const V = cfg.vocabSize;

    it('reproduces the last-position logits of every case and greedy-decodes the same tokens', async () => {
      const s = await session(buildTransformerModel(cfg, await weightsOf(id)));
      for (const c of fx.cases) {
        const out = await run(s, feed(c.ids));
        expect(out[names.logits()].shape).toEqual([1, c.ids.length, V]);
        const last = row(out[names.logits()].data, c.ids.length - 1, V);
        const { got, want } = lastLogitChecks(c, last);
        const err = maxErr(got, want);
        report.push(`  ${id.padEnd(16)} logits ${c.name.padEnd(12)} ${err.toExponential(1)}`);
        expect(err, c.name).toBeLessThan(TOL);
      }
      const seq = [...fx.cases[fx.greedy.case].ids];
      for (let i = 0; i < fx.greedy.steps; i++) {
        const logits = (await run(s, feed(seq)))[names.logits()].data;
        seq.push(argmaxOf(row(logits, seq.length - 1, V)));
      }
      expect(seq.slice(-fx.greedy.steps)).toEqual(fx.greedy.tokens);
    });

    it('a graph built with taps publishes the same taps as PyTorch', async () => {
      const wanted = new Set(Object.keys(fx.taps.values));
      const s = await session(buildTransformerModel(cfg, await weightsOf(id), { taps: (n) => wanted.has(n) }));
      const c = fx.cases[fx.taps.case];
      const out = await run(s, feed(c.ids));
      let worst = 0;
      for (const [name, tap] of Object.entries(fx.taps.values)) {
        expect(out[name]?.shape, name).toEqual(tap.shape);
        const got = tap.values ? Array.from(out[name].data) : row(out[name].data, c.ids.length - 1, tap.shape[2]);
        worst = Math.max(worst, maxErr(got, (tap.values ?? tap.lastPosition)!));
      }
      report.push(`  ${id.padEnd(16)} taps (worst of ${wanted.size}) ${worst.toExponential(1)}`);
      expect(worst).toBeLessThan(TOL);
    });
  });
}
