/**
 * The Alignment lesson's measured numbers: every quote matches align.recorded.json (written by
 * record-align.test.ts from lib/align runAlignJob on the widget's defaults), and the first two
 * steps of the default run are recomputed here and must equal the record (the run is seeded).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AlignEvent } from '@/lib/align/job';
import type { AlignEval, AlignReport } from '@/lib/align/train';
import { HELD_OUT } from '@/components/widgets/pref-train/pairs';
import { RECORD_FILE, RECORDED_RUNS, alignJob, runJob, type RecordedRun } from './align-runs';

const rec = JSON.parse(readFileSync(RECORD_FILE, 'utf8')) as { runs: RecordedRun[]; defaultFinalTop: { id: number; label: string; p: number }[] };
const run = (name: string): RecordedRun => {
  const r = rec.runs.find((x) => x.name === name);
  if (!r) throw new Error(`no recorded run ${name}`);
  return r;
};
const at = (r: RecordedRun, step: number): AlignEval => {
  const e = r.evals.find((x) => x.step === step);
  if (!e) throw new Error(`${r.name}: no evaluation at step ${step}`);
  return e.eval;
};
const mdx = readFileSync('content/lessons/alignment.mdx', 'utf8').replace(/\s+/g, ' ');
const probeOf = (r: RecordedRun, e: AlignEval, label: string): number => e.probe![r.probe.findIndex((p) => p.label === label)];

describe('the Alignment lesson quotes the recorded runs', () => {
  it('has every run, each evaluated at steps 0, 5, 10, 15 and 20', () => {
    expect(rec.runs.map((r) => r.name)).toEqual(RECORDED_RUNS.map((r) => r.name));
    for (const r of rec.runs) expect(r.evals.map((e) => e.step)).toEqual([0, 5, 10, 15, 20]);
  });
  it('quotes the default run: loss, pairs ranked, mean margin and KL', () => {
    const d = run('dpo-beta0.1');
    const first = at(d, 0);
    const last = at(d, 20);
    const meanZ = last.pairs.reduce((s, p) => s + p.margin, 0) / last.pairs.length;
    expect(first.meanLoss).toBeCloseTo(Math.LN2, 6); // B = 0: the policy is the reference
    expect(last.accuracy).toBe(1);
    expect(mdx).toContain(`the loss on all six pairs fell from ${first.meanLoss.toFixed(3)} to ${last.meanLoss.toFixed(3)}, all six pairs ended with a positive margin (mean $z$ ${meanZ.toFixed(3)})`);
    expect(mdx).toContain(`rose from 0 to ${last.kl!.toFixed(3)} nats per token`);
  });
  it('quotes the next-token bars after the first prompt, and the trained model’s real top token', () => {
    const d = run('dpo-beta0.1');
    const [first, last] = [at(d, 0), at(d, 20)];
    const w0 = probeOf(d, first, 'With');
    const w1 = probeOf(d, last, 'With');
    expect(mdx).toContain(`“With” rose about ${Math.round(w1 / w0) === 13 ? 'thirteenfold' : 'NOT 13x'} (from ${w0.toFixed(4)} to ${w1.toFixed(4)}) and “No” fell (from ${probeOf(d, first, 'No').toFixed(3)} to ${probeOf(d, last, 'No').toFixed(3)})`);
    expect(Math.max(...last.probe!)).toBe(w1); // "the most likely of the listed tokens"
    const listed = last.probe!.reduce((s, p) => s + p, 0);
    expect(listed).toBeLessThan(0.04); // "together hold under 4%"
    const top = rec.defaultFinalTop[0];
    expect(top.p).toBeGreaterThan(4 * w1);
    expect(mdx).toContain(`the most likely next token is now “${top.label}” (${top.p.toFixed(3)})`);
    // the separate pass that read the whole distribution agrees with the job's bars
    const again = rec.defaultFinalTop.find((t) => t.label === 'With');
    if (again) expect(again.p).toBeCloseTo(w1, 6);
  });
  it('quotes β = 1 against β = 0.1: lower loss, smaller KL', () => {
    const [lo, hi] = [at(run('dpo-beta0.1'), 20), at(run('dpo-beta1'), 20)];
    expect(hi.meanLoss).toBeLessThan(1e-4);
    expect(hi.kl!).toBeLessThan(lo.kl!);
    expect(mdx).toContain(`$\\beta = 1$ ends with a loss below 0.0001 and a KL of ${hi.kl!.toFixed(3)} nats per token, $\\beta = 0.1$ with ${lo.meanLoss.toFixed(3)} and ${lo.kl!.toFixed(3)}`);
    expect(-Math.log(1 / (1 + Math.exp(-3)))).toBeCloseTo(0.05, 2); // "z = 3 and a loss of about 0.05"
  });
  it('quotes the reward model: all six ranked at its first evaluation, step 5', () => {
    const e = at(run('reward'), 5);
    expect(e.accuracy).toBe(1);
    expect(mdx).toContain(`all six pairs were ranked right at the first evaluation, step 5, with a loss of ${e.meanLoss.toFixed(3)}`);
  });
});

describe('the KL passage', () => {
  it('lies in the last 5% of austen.txt that lm never trained on (the cut: the first newline after 95% of the characters)', () => {
    const austen = readFileSync('training/data/austen.txt', 'utf8');
    const cut = austen.indexOf('\n', Math.floor(0.95 * austen.length));
    const flat = (t: string): string => t.replace(/\s+/g, ' ');
    const at = flat(austen).indexOf(flat(HELD_OUT));
    expect(at).toBeGreaterThan(flat(austen.slice(0, cut)).length);
    expect(mdx).toContain('the last 5% of its Austen text is held out');
  });
});

describe('the default run recomputed (first two steps)', () => {
  let steps: AlignReport[];
  beforeAll(async () => {
    const events = await runJob(alignJob(), 3); // a Cancel after step 2, as the widget sends it
    steps = events.filter((e): e is Extract<AlignEvent, { type: 'step' }> => e.type === 'step').map((e) => e.report);
  }, 60_000);
  it('equals the record at step 0 (every pair, KL, bars) and in the loss and gradient norm of steps 1 and 2', () => {
    const d = run('dpo-beta0.1');
    expect(steps.map((r) => r.step)).toEqual([0, 1, 2, 2]);
    expect(steps[0].eval).toEqual(at(d, 0));
    expect(steps.slice(1, 3).map((r) => r.loss)).toEqual(d.loss.slice(0, 2));
    expect(steps.slice(1, 3).map((r) => r.gradNorm)).toEqual(d.gradNorm.slice(0, 2));
  });
});
