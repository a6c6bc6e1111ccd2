// Shared loading for the shipped-model tests: models/manifest.json, weights, PyTorch fixtures,
// validation tokens. Everything is read from the repo as committed (paths relative to its root).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TransformerConfig } from '@/lib/model/config';
import type { WeightMap } from '@/lib/model/eager';
import { loadWeights } from '@/lib/model/weights';

export const ROOT = join(__dirname, '..', '..', '..');
export const read = (p: string): Buffer => readFileSync(join(ROOT, p));
export const readJson = <T>(p: string): T => JSON.parse(read(p).toString('utf8')) as T;

export interface ManifestEntry {
  id: string;
  files: { weights: string; config: string; trainingLog: string; tokenizer: string };
  config: TransformerConfig;
  params: number;
  bytes: number;
  sha256: string;
  dtype: string;
  tokenizerSha256: string;
  validation: { loss: number; perplexity: number };
  runtimeChecked: boolean;
}
export interface Manifest {
  tokenizers: Record<string, { file: string; sha256: string; bytes: number }>;
  models: Record<string, ManifestEntry>;
}

/** A golden fixture written by training/export.py (PyTorch, fp32 on the shipped weights). */
export interface Fixture {
  id: string;
  weights: string;
  sha256: string;
  config: TransformerConfig;
  cases: {
    name: string;
    text: string | null;
    ids: number[];
    lastLogSumExp: number;
    lastTop: [number, number][];
    lastLogitsStrided: { stride: number; values: number[] };
    positionLogits?: { vocab: number[]; values: number[] };
  }[];
  taps: { case: number; values: Record<string, { shape: number[]; values?: number[]; lastPosition?: number[] }> };
  greedy: { case: number; steps: number; tokens: number[]; margins: number[]; text?: string };
  valSlice: {
    file: string; startToken: number; windows: number; windowLen: number; loss: number;
    /** masked LM (training/mlm.py): the masked windows, targets (-100 = not chosen), and the masked-token numbers */
    objective?: 'mlm'; inputs?: number[][]; targets?: number[][]; kind?: number[][]; accuracy?: number; positions?: number;
  };
  /** masked LM only: per case, each [MASK] position's top-10 real-token logits and log-sum-exp over all V */
  mlm?: { maskId: number; ignoreIndex: number; cases: { case: number; masked: { position: number; logSumExp: number; top: [number, number][] }[] }[] };
}

export const manifest = (): Manifest => readJson<Manifest>('models/manifest.json');
export const modelIds = (): string[] => Object.keys(manifest().models);
export const fixture = (id: string): Fixture => readJson<Fixture>(`test/fixtures/models/${id}.json`);

export async function weightsOf(id: string): Promise<WeightMap> {
  const m = manifest().models[id];
  const bytes = new Uint8Array(read(m.files.weights));
  return loadWeights(bytes, { fileName: m.files.weights, sha256: m.sha256, config: m.config });
}

/** A raw little-endian uint16 token file → ids. */
export function tokens(p: string): number[] {
  const b = read(p);
  const out = new Array<number>(b.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = b.readUInt16LE(2 * i);
  return out;
}

/** Row `row` of a [1, T, X] tensor's data (X = width). */
export function row(data: ArrayLike<number>, row: number, width: number): number[] {
  return Array.from({ length: width }, (_, j) => data[row * width + j]);
}

/** Index of the largest value; the lowest index wins a tie (as torch.argmax). */
export function argmaxOf(v: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
  return best;
}

/** Mean next-token NLL (nats) of logits [T, V] (flat) against targets. */
export function meanNll(logits: ArrayLike<number>, targets: number[], V: number): number {
  let total = 0;
  targets.forEach((t, i) => {
    let m = -Infinity;
    for (let j = 0; j < V; j++) m = Math.max(m, logits[i * V + j]);
    let s = 0;
    for (let j = 0; j < V; j++) s += Math.exp(logits[i * V + j] - m);
    total += m + Math.log(s) - logits[i * V + t];
  });
  return total / targets.length;
}

/** The checks every logits vector of a case gets: top-10, strided slice, log-sum-exp. */
export function lastLogitChecks(c: Fixture['cases'][number], last: ArrayLike<number>): { got: number[]; want: number[] } {
  const got: number[] = [];
  const want: number[] = [];
  for (const [id, v] of c.lastTop) {
    got.push(last[id]);
    want.push(v);
  }
  c.lastLogitsStrided.values.forEach((v, i) => {
    got.push(last[i * c.lastLogitsStrided.stride]);
    want.push(v);
  });
  let m = -Infinity;
  for (let j = 0; j < last.length; j++) m = Math.max(m, last[j]);
  let s = 0;
  for (let j = 0; j < last.length; j++) s += Math.exp(last[j] - m);
  got.push(m + Math.log(s));
  want.push(c.lastLogSumExp);
  return { got, want };
}
