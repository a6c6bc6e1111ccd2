/** lib/eval/perplexity: by hand on a 2-token vocabulary, and on lm's real weights against the PyTorch val-slice loss and the manifest. */
import { describe, expect, it } from 'vitest';
import { byteLevelPerplexity, chunkWindows, heldOutLoss, summarizeNll, windowNll } from '@/lib/eval/perplexity';
import { fixture, manifest, tokens } from '../models/shipped';
import { bpe, eagerForward } from './real';

describe('held-out loss', () => {
  it('by hand: logits rows [0, 0] and [ln 3, 0] give −ln ½ and −ln ¾ for targets 1 then 0', () => {
    const logits = [0, 0, Math.log(3), 0, 9, 9]; // 3 rows, V = 2; the last row predicts nothing
    const s = windowNll(logits, 2, [0, 1, 0]);
    expect(s.tokens).toBe(2);
    expect(s.nats).toBeCloseTo(Math.LN2 + Math.log(4 / 3), 12);
    const m = summarizeNll({ ...s, bytes: 4 });
    expect(m.loss).toBeCloseTo((Math.LN2 + Math.log(4 / 3)) / 2, 12);
    expect(m.perplexity).toBeCloseTo(Math.sqrt(2 * (4 / 3)), 12); // e^(mean) = geometric mean of 1/p
    expect(m.bitsPerByte).toBeCloseTo((Math.LN2 + Math.log(4 / 3)) / 4 / Math.LN2, 12);
    expect(byteLevelPerplexity(m)).toBeCloseTo(Math.pow(2, m.bitsPerByte), 12);
  });

  it('cuts long windows into consecutive chunks and drops a short tail', () => {
    expect(chunkWindows([[1, 2, 3, 4, 5], [6, 7, 8, 9]], 2)).toEqual([[1, 2], [3, 4], [6, 7], [8, 9]]);
  });

  it('averages over every prediction of every window, counting the predicted bytes', async () => {
    const seen: number[][] = [];
    const forward = async (ids: number[]) => { seen.push(ids); return { logits: ids.flatMap(() => [0, 0]), vocab: 2 }; };
    const m = await heldOutLoss([[0, 1, 1], [1, 0, 0]], forward, (ids) => 3 * ids.length);
    expect(seen).toEqual([[0, 1, 1], [1, 0, 0]]);
    expect(m.loss).toBeCloseTo(Math.LN2, 12);
    expect(m.tokens).toBe(4);
    expect(m.bytes).toBe(12);
    expect(m.bitsPerByte).toBeCloseTo(1 / 3, 12);
  });

  it("lm's real weights: the loss on the fixture's val slice is PyTorch's (0.1%), and near the manifest's full-split val loss", async () => {
    const fx = fixture('lm');
    const { startToken, windows, windowLen: T, loss } = fx.valSlice;
    const val = tokens(fx.valSlice.file);
    const ws = Array.from({ length: windows }, (_, k) => val.slice(startToken + k * T, startToken + (k + 1) * T + 1));
    const tok = bpe();
    // windows of T + 1 ids: T predictions each, exactly the trainer's (x, y) pairs
    const m = await heldOutLoss(ws, await eagerForward('lm'), (ids) => tok.decodeBytes(ids).length);
    expect(Math.abs(m.loss - loss)).toBeLessThan(1e-3 * loss);
    expect(m.tokens).toBe(windows * T);
    // the manifest's loss is over every 256-token window of the split; these 512 tokens sit within 0.2 nats of it
    expect(Math.abs(m.loss - manifest().models.lm.validation.loss)).toBeLessThan(0.2);
  }, 60_000);
});
