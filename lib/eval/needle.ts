/**
 * A key planted in held-out text (after Mohtashami & Jaggi 2023, "Landmark Attention", whose
 * passkey test hides a random pass key in repeated filler sentences; and Kamradt's 2023
 * needle-in-a-haystack sweep over context length × depth). Here the haystack is real held-out
 * Austen text, not repeated filler, and the key is a surname: our 2M-parameter `lm` hardly copies
 * a digit key in our trials (greedy never reproduced one), but it does
 * copy a name it has just read, so a name shows how retrieval fades with distance and length.
 *
 * A trial of length n at depth d (0 = start of the context, 1 = just before the question):
 *
 *   [ hay a ][ needle: " The lady was Miss Bates. Remember it." ][ hay b ][ " The lady was Miss" ]
 *   a + |needle| + b + |query| = n,   a = round(d · (a + b))
 *
 * One forward on the n ids; the logits of the last row answer the question:
 *   - picked: the key has the highest logit among the 10 candidate names (chance: 1 in 10);
 *   - greedy: the key is the argmax over the whole vocabulary (what greedy decoding would say).
 */
import { mulberry32 } from '../tensor/rng';
import { argmaxAt, logProbAt, throwIfAborted, type EvalForward, type RunOptions } from './forward';

/** The candidate keys: Austen surnames, each one token of the lab's BPE (with its leading space). */
export const NAMES = ['Bennet', 'Bingley', 'Woodhouse', 'Smith', 'Taylor', 'Bates', 'Fairfax', 'Dashwood', 'Crawford', 'Price'] as const;
export const needleText = (name: string): string => ` The lady was Miss ${name}. Remember it.`;
export const QUERY = ' The lady was Miss';

/** The key of a trial: a name drawn from seed (mulberry32). */
export function keyName(seed: number): string {
  return NAMES[mulberry32(seed).int(NAMES.length)];
}

export interface Planted {
  ids: number[];
  /** Index of the needle's first id. */
  needleAt: number;
}

/**
 * Plants `needle` into the first a + b ids of `hay` at depth d and appends the query, n ids in
 * all. Throws when n is too short for needle + query or the hay too short.
 */
export function plant(hay: readonly number[], needle: readonly number[], query: readonly number[], n: number, depth: number): Planted {
  const fill = n - needle.length - query.length;
  if (fill < 0) throw new Error(`plant: ${n} ids cannot hold the needle and the question (${n - fill})`);
  if (hay.length < fill) throw new Error(`plant: the hay has ${hay.length} ids, need ${fill}`);
  const a = Math.round(Math.min(1, Math.max(0, depth)) * fill);
  return { ids: [...hay.slice(0, a), ...needle, ...hay.slice(a, fill), ...query], needleAt: a };
}

export interface TrialScore {
  /** The key beats the other candidates at the last row. */
  picked: boolean;
  /** The key is the argmax over the whole vocabulary. */
  greedy: boolean;
  keyLogProb: number;
}

/** Scores the last row of logits [n, V] for key id `key` among candidate ids. */
export function scoreKey(logits: ArrayLike<number>, vocab: number, n: number, key: number, candidates: readonly number[]): TrialScore {
  const o = (n - 1) * vocab;
  const picked = candidates.every((c) => c === key || logits[o + c] < logits[o + key]);
  return { picked, greedy: argmaxAt(logits, vocab, n - 1) === key, keyLogProb: logProbAt(logits, vocab, n - 1, key) };
}

export interface NeedleCell {
  length: number;
  depth: number;
  /** Trials where the key beat the other 9 names. */
  picked: number;
  /** Trials where the key was the argmax over the whole vocabulary. */
  greedy: number;
  trials: number;
  meanKeyLogProb: number;
}

export interface NeedlePlan {
  lengths: readonly number[];
  depths: readonly number[];
  /** One trial per seed: the key name comes from the seed, the hay from window seed mod windows. */
  seeds: readonly number[];
  /**
   * false: the control — the same trials with no needle planted (the question alone). A model
   * that always answers its favourite name scores the share of trials whose key is that name,
   * which can differ from 1 in 10; the needle's effect is the difference from this row.
   */
  withNeedle?: boolean;
}

/**
 * The depth × length grid: for each cell, `seeds.length` trials. `encode` turns text into ids
 * (the lab's BPE); `hays` are held-out windows at least as long as the longest length.
 */
export async function needleGrid(
  plan: NeedlePlan, hays: readonly (readonly number[])[], encode: (s: string) => number[], forward: EvalForward,
  opts: RunOptions & { onCell?: (c: NeedleCell) => void } = {},
): Promise<NeedleCell[]> {
  const query = encode(QUERY);
  const ids = NAMES.map((name) => encode(` ${name}`));
  if (ids.some((x) => x.length !== 1)) throw new Error('needleGrid: every candidate name must be one token');
  const candidates = ids.map((x) => x[0]);
  const total = plan.lengths.length * plan.depths.length * plan.seeds.length;
  const cells: NeedleCell[] = [];
  let done = 0;
  for (const length of plan.lengths) {
    for (const depth of plan.depths) {
      const cell: NeedleCell = { length, depth, picked: 0, greedy: 0, trials: 0, meanKeyLogProb: 0 };
      for (const seed of plan.seeds) {
        throwIfAborted(opts.signal);
        const name = keyName(seed);
        const needle = plan.withNeedle === false ? [] : encode(needleText(name));
        const p = plant(hays[seed % hays.length], needle, query, length, depth);
        const { logits, vocab } = await forward(p.ids);
        const s = scoreKey(logits, vocab, p.ids.length, candidates[NAMES.indexOf(name as (typeof NAMES)[number])], candidates);
        cell.trials++;
        if (s.picked) cell.picked++;
        if (s.greedy) cell.greedy++;
        cell.meanKeyLogProb += (s.keyLogProb - cell.meanKeyLogProb) / cell.trials;
        opts.onStep?.(++done, total);
      }
      cells.push(cell);
      opts.onCell?.(cell);
    }
  }
  return cells;
}
