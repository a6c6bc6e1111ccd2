/**
 * Who may attend to whom in the three Transformer families, for a sentence of n tokens:
 *
 *   encoder-only (BERT)        self-attention, bidirectional: query i sees every key j
 *   decoder-only (GPT)         self-attention, causal: query i sees keys j ≤ i
 *   encoder-decoder (T5, BART) encoder self-attention bidirectional over the source (n × n),
 *                              decoder self-attention causal over the target (m × m), and
 *                              cross-attention: every target query sees every source key (m × n)
 *                              (Vaswani et al. 2017, sec. 3.2.3)
 *
 * The self-attention tables are read from lib/model/positions.ts (the mask the models here run
 * with, cfg.attnMask), not re-derived, so the figure shows what the code does. Cross-attention has
 * no mask, and this project has no encoder-decoder model: its tables are the structure only.
 *
 * Output: visible[i][j] (query row i, key column j).
 */
import { ids } from '@/lib/tensor';
import { EagerOps } from '@/lib/model/eager';
import { positionContext } from '@/lib/model/positions';
import type { AttentionMask, TransformerConfig } from '@/lib/model/config';

const SHELL: TransformerConfig = {
  vocabSize: 2, contextLength: 1, nLayer: 1, dModel: 2, nHead: 1, nKvHead: 1, dFF: 1,
  norm: 'rmsnorm', normEps: 1e-5, position: 'none', mlp: 'gelu', tiedEmbeddings: true, bias: false,
};

/** visible[i][j] for n tokens under `mask`, from positionContext's `hidden` keys. */
export function selfVisibility(mask: AttentionMask, n: number): boolean[][] {
  if (!Number.isInteger(n) || n < 0) throw new Error(`selfVisibility: n must be a non-negative integer (got ${n})`);
  if (n === 0) return [];
  const ops = new EagerOps(new Map());
  const ctx = positionContext(ops, { ...SHELL, attnMask: mask }, ids(Array<number>(n).fill(0)), null);
  const hidden = ctx.hidden?.data; // [n, n] or null (nothing hidden)
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => !hidden || !Number(hidden[i * n + j])));
}

/** Cross-attention of m target queries over n source keys: no mask, every pair visible. */
export function crossVisibility(m: number, n: number): boolean[][] {
  return Array.from({ length: m }, () => Array<boolean>(n).fill(true));
}

export interface FamilyMasks {
  encoderOnly: boolean[][];
  decoderOnly: boolean[][];
  encoderDecoder: { encoder: boolean[][]; decoder: boolean[][]; cross: boolean[][] };
}

/** All three families for a source of n tokens and a target of m tokens (m = n when the decoder rewrites the sentence). */
export function familyMasks(n: number, m = n): FamilyMasks {
  return {
    encoderOnly: selfVisibility({ kind: 'bidirectional' }, n),
    decoderOnly: selfVisibility({ kind: 'causal' }, n),
    encoderDecoder: { encoder: selfVisibility({ kind: 'bidirectional' }, n), decoder: selfVisibility({ kind: 'causal' }, m), cross: crossVisibility(m, n) },
  };
}

/** Keys a query sees, summed over the table (n(n+1)/2 for causal, n² for bidirectional). */
export function visibleCount(v: boolean[][]): number {
  return v.reduce((s, row) => s + row.filter(Boolean).length, 0);
}
