/**
 * The training playground's text task: next-character prediction on a short text (a built-in
 * passage, lib/train/passages.ts, or the student's own). Characters are Unicode code points after
 * NFC normalisation; the vocabulary is the text's distinct characters, sorted (at most
 * TEXT_VOCAB_MAX: rarer ones all become U+FFFD, and `folded` counts them).
 *
 *   textData('abcab') → chars ['a','b','c'], ids [0,1,2,0,1], split 4 (the last 20 % is held out)
 *   textWindow([0,1,2,0,1], 1, 2) → tokens [1,2,0], targets [2,0]   (every position counted)
 *
 * A training example is a window of W + 1 characters lying wholly in the first 80 % of the text,
 * at a seeded random start; the held-out examples tile the last 20 % with stride W, so every
 * held-out character after the first is predicted exactly once, from up to W characters before it
 * (accuracy = next-character top-1 over those). unigramEntropy is what a model that ignores
 * the context can reach at best: −Σ p(c) ln p(c) over the text's character frequencies.
 */
import { argmax, ids as idsTensor, type Rng, type Tensor } from '@/lib/tensor';
import type { TransformerConfig } from '@/lib/model/config';
import { EagerOps, type WeightMap } from '@/lib/model/eager';
import { modelLogits, type Example } from './step';

export interface TextTaskSpec {
  kind: 'text';
  text: string;
  /** W: characters the model reads per prediction window. */
  window: number;
}

/** Window of the text task (characters per training example, plus the one predicted). */
export const TEXT_WINDOW = 16;
/** Shortest text the task trains on (code points). */
export const TEXT_MIN = 120;
/** Most distinct characters kept. */
export const TEXT_VOCAB_MAX = 96;
/** Held-out share, at the end of the text. */
export const TEXT_HELD = 0.2;
/** Characters of the text's start that prompt the sample. */
export const SAMPLE_PROMPT = 8;
/** Characters generated per sample. */
export const SAMPLE_LENGTH = 48;
export const OTHER_CHAR = '\uFFFD';

export interface TextData {
  /** id → character. */
  chars: string[];
  ids: number[];
  /** ids[0..split) train, ids[split..) held out. */
  split: number;
  /** Distinct characters folded into U+FFFD (0: none). */
  folded: number;
}

export function textData(text: string): TextData {
  const cps = Array.from(text.normalize('NFC'));
  const count = new Map<string, number>();
  for (const c of cps) count.set(c, (count.get(c) ?? 0) + 1);
  let keep = [...count.keys()];
  let folded = 0;
  if (keep.length > TEXT_VOCAB_MAX) {
    keep.sort((a, b) => count.get(b)! - count.get(a)! || (a < b ? -1 : 1));
    folded = keep.length - (TEXT_VOCAB_MAX - 1);
    keep = keep.slice(0, TEXT_VOCAB_MAX - 1).filter((c) => c !== OTHER_CHAR);
    keep.push(OTHER_CHAR);
  }
  const chars = keep.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const index = new Map(chars.map((c, i) => [c, i]));
  const other = index.get(OTHER_CHAR) ?? -1;
  const ids = cps.map((c) => index.get(c) ?? other);
  return { chars, ids, split: Math.floor(ids.length * (1 - TEXT_HELD)), folded };
}

/** Why a text cannot be trained on (null: it can). */
export function textProblem(text: string): string | null {
  const n = Array.from(text.normalize('NFC')).length;
  return n < TEXT_MIN ? `The text has ${n} characters; the text task needs at least ${TEXT_MIN}.` : null;
}

/** W + 1 tokens from `start`; every next character is a target. */
export function textWindow(ids: readonly number[], start: number, W: number): Example {
  const tokens = ids.slice(start, start + W + 1);
  return { tokens, targets: tokens.slice(1) };
}

/** A training window wholly inside ids[0..split). */
export function trainWindow(d: TextData, W: number, rng: Rng): Example {
  return textWindow(d.ids, rng.int(d.split - W), W);
}

/** Held-out windows tiling ids[split..] with stride W (at most `max`). */
export function heldOutWindows(d: TextData, W: number, max: number): Example[] {
  const out: Example[] = [];
  for (let s = d.split; s + W < d.ids.length && out.length < max; s += W) out.push(textWindow(d.ids, s, W));
  return out;
}

/** −Σ p ln p over the frequencies of ids (nats per character). */
export function unigramEntropy(ids: readonly number[]): number {
  const count = new Map<number, number>();
  for (const i of ids) count.set(i, (count.get(i) ?? 0) + 1);
  let h = 0;
  for (const c of count.values()) {
    const p = c / ids.length;
    h -= p * Math.log(p);
  }
  return h;
}

/** Greedy continuation: n more ids, each from the last W ids of the context (eager forward). */
export function greedyText(cfg: TransformerConfig, weights: WeightMap, prompt: readonly number[], n: number, W: number): number[] {
  const ctx = [...prompt];
  for (let k = 0; k < n; k++) {
    const input = ctx.slice(-W);
    const logits = modelLogits(new EagerOps(weights), cfg, idsTensor(input)) as Tensor;
    ctx.push(argmax(logits)[input.length - 1]);
  }
  return ctx.slice(prompt.length);
}

export const decodeText = (chars: readonly string[], ids: readonly number[]): string => ids.map((i) => chars[i]).join('');
