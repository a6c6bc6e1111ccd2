/**
 * The playground's URL state → a lib/train PlaygroundSpec, and the worker's reports → the points
 * the charts draw.
 *
 *   specOf(defaults) → copy of 4 symbols from 6, 2 layers, 2 heads, width 32, AdamW lr 0.01 …
 *   curves([{step:1, loss:2}], [{step:0, loss:2.1, …}]) → trainLoss [[1,2]], heldLoss [[0,2.1]], …
 *   thin([[0,a],[1,b],[2,c],[3,d],[4,e]], 3) → [[0,a],[2,c],[4,e]]  (every k-th, the last kept)
 */
import { warmupCosine } from '@/lib/train/schedule';
import type { EvalReport, PlaygroundSpec, StepReport } from '@/lib/train/playground';
import { PASSAGES } from '@/lib/train/passages';
import { TEXT_WINDOW, textProblem } from '@/lib/train/text-task';
import type { TrainPlaygroundState } from './index';

export type Pt = [number, number];

/** Batch size and the fixed parts of every run. */
export const BATCH = 8;

/** The text the text task trains on: the passage, or the student's own when it is long enough (else why not). */
export function textOf(s: TrainPlaygroundState): { text: string; problem: string | null } {
  if (s.passage !== 'own') return { text: PASSAGES[s.passage].text, problem: null };
  // A lone surrogate travels in the link as U+FFFD (URLSearchParams), so train on U+FFFD here too:
  // the reopened link then gives the same run.
  const own = s.own.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  const problem = textProblem(own);
  return problem ? { text: PASSAGES.austen.text, problem: `${problem} Training on the Austen passage until it is.` } : { text: own, problem: null };
}

export function specOf(s: TrainPlaygroundState): PlaygroundSpec {
  return {
    task: s.task === 'text' ? { kind: 'text', text: textOf(s).text, window: TEXT_WINDOW } : { kind: s.task, symbols: s.symbols, length: s.task === 'modadd' ? 2 : s.length },
    nLayer: s.layers, nHead: Number(s.heads), dModel: Number(s.width), optimizer: s.opt,
    lr: s.lr, warmup: s.warmup, steps: s.steps, weightDecay: s.wd, seed: s.seed, batch: BATCH,
    clip: s.clip > 0 ? s.clip : Infinity,
  };
}

/** A stable key of everything a run depends on (a change means a fresh run). */
export const specKey = (s: PlaygroundSpec): string => JSON.stringify(s, (_, v: unknown) => (v === Infinity ? 'inf' : v));

/** Evaluate every k steps: at least every 10, about 100 evaluations a run. */
export const evalEvery = (steps: number): number => Math.max(10, Math.ceil(steps / 100));

export interface Curves {
  trainLoss: Pt[];
  heldLoss: Pt[];
  trainExact: Pt[];
  heldExact: Pt[];
}

/** `token`: chart per-token accuracy (the text task's next-character accuracy) instead of exact match. */
export function curves(reports: readonly StepReport[], evals: readonly EvalReport[], token = false): Curves {
  return {
    trainLoss: reports.filter((r) => Number.isFinite(r.loss)).map((r) => [r.step, r.loss]),
    heldLoss: evals.filter((e) => Number.isFinite(e.loss)).map((e) => [e.step, e.loss]),
    trainExact: evals.map((e) => [e.step, token ? e.train.token : e.train.exact]),
    heldExact: evals.map((e) => [e.step, token ? e.token : e.exact]),
  };
}

/** At most `max` points: every k-th, and always the last one. */
export function thin(pts: readonly Pt[], max: number): Pt[] {
  if (pts.length <= max) return [...pts];
  const k = Math.ceil(pts.length / max);
  const out = pts.filter((_, i) => i % k === 0);
  if (out[out.length - 1] !== pts[pts.length - 1]) out.push(pts[pts.length - 1]);
  return out;
}

/** The learning rate of each step s = 0 … steps − 1 (thinned to ≤ max points; lrs[s] is used at step s + 1). */
export function lrCurve(spec: PlaygroundSpec, max = 200): Pt[] {
  const all: Pt[] = Array.from({ length: spec.steps }, (_, s) => [s, warmupCosine({ lrMax: spec.lr, warmup: spec.warmup, total: spec.steps }, s)]);
  return thin(all, max);
}

/** y range of loss points: [0, the largest finite loss, at least 0.5] (a blow-up is capped at 20). */
export function lossTop(c: Curves): number {
  const ys = [...c.trainLoss, ...c.heldLoss].map((p) => p[1]);
  return Math.min(20, Math.max(0.5, ...ys) * 1.05);
}

/** First step at which held-out exact-match accuracy reached `at`, or null. */
export function firstReach(evals: readonly EvalReport[], at: number): number | null {
  const e = evals.find((v) => v.exact >= at);
  return e ? e.step : null;
}

/** How a token shows in the attention map: SEP as "→", for modadd "+" is implied: a, b, →. */
export function tokenLabel(tok: number, symbols: number): string {
  return tok === symbols ? '→' : String(tok);
}

/** How a character shows as a label: space "␣", line break "↵", tab "⇥", others as themselves. */
export function charLabel(c: string): string {
  return c === ' ' ? '␣' : c === '\n' ? '↵' : c === '\t' ? '⇥' : c;
}

/** Training steps per second over the current Play (null before 5 steps). */
export function rate(steps: number, ms: number): number | null {
  return steps >= 5 && ms > 0 ? (steps * 1000) / ms : null;
}
