/**
 * Unigram language-model tokenizer (Kudo 2018; SentencePiece's default): every piece has a
 * log-probability, and a text is segmented into the most probable sequence of pieces
 * (Viterbi over the lattice, lattice.ts). Also: sampling of segmentations for subword
 * regularization (alpha = inverse temperature) and the n best segmentations.
 *
 * Normalization (SentencePiece-style, simplified: no NFKC): spaces become "▁" (U+2581) and one
 * "▁" is put in front, so "Hello world" → "▁Hello▁world". Pieces never span a "▁" except at
 * their start, so the text is segmented word by word (with a cache). Characters that no piece
 * covers become <unk> (id 0), scored (lowest score − 10) as in SentencePiece.
 * decode(encode(x)) === x unless x has <unk> characters or a literal "▁" (it comes back as " ").
 *
 * Example: pieces ▁(-2) a(-2) b(-2) ▁a(-1) ab(-1.5) ▁ab(-5): "ab" → "▁ab" → ▁a|b (-3);
 * the 3 best: ▁a|b (-3), ▁|ab (-3.5), ▁ab (-5).
 */
import { toWellFormed } from './pretokenize';
import type { Rng } from '@/lib/tensor/rng';
import { nBest, samplePath, viterbi, type Edge, type Lattice } from './lattice';
import { byteOffsets } from './spans';
import type { TokenSpan, Tokenizer } from './types';

export const SPACE = '\u2581';
export const UNK = '<unk>';

export interface UnigramPiece {
  piece: string;
  score: number;
}

/** "Hello world" → "▁Hello▁world" (same length + 1: index i of text is index i+1 here). */
export function normalizeUnigram(text: string): string {
  return SPACE + toWellFormed(text).replaceAll(' ', SPACE);
}

export interface Segmentation {
  ids: number[];
  pieces: string[];
  score: number;
}

export class UnigramTokenizer implements Tokenizer {
  readonly name: string;
  readonly pieces: readonly UnigramPiece[];
  readonly unkScore: number;
  private readonly ids: Map<string, number>;
  private readonly maxLen: number;
  private readonly cache = new Map<string, number[]>();

  /** pieces[0] must be <unk>; its score is ignored. */
  constructor(pieces: readonly UnigramPiece[], name?: string) {
    if (pieces.length === 0 || pieces[0].piece !== UNK) throw new Error('Unigram vocabulary must start with <unk>');
    this.pieces = pieces;
    this.name = name ?? `Unigram ${pieces.length}`;
    this.ids = new Map(pieces.map((p, i) => [p.piece, i]));
    this.maxLen = Math.max(...pieces.map((p) => [...p.piece].length));
    this.unkScore = Math.min(...pieces.slice(1).map((p) => p.score), 0) - 10;
  }

  get vocabSize(): number {
    return this.pieces.length;
  }

  idOf(piece: string): number | undefined {
    return this.ids.get(piece);
  }

  /** Lattice of a normalized string over code points (cps = its code points). */
  lattice(cps: readonly string[]): Lattice {
    const n = cps.length;
    const lat: Lattice = Array.from({ length: n + 1 }, () => []);
    for (let s = 0; s < n; s++) {
      let sub = '';
      let single = false;
      for (let e = s + 1; e <= Math.min(n, s + this.maxLen); e++) {
        sub += cps[e - 1];
        const id = this.ids.get(sub);
        if (id !== undefined && id !== 0) {
          lat[e].push({ start: s, end: e, id, score: this.pieces[id].score });
          if (e === s + 1) single = true;
        }
      }
      if (!single) lat[s + 1].push({ start: s, end: s + 1, id: 0, score: this.unkScore });
    }
    return lat;
  }

  private words(norm: string): string[] {
    return norm.split(SPACE).slice(1).map((w) => SPACE + w);
  }

  private segment(word: string): number[] {
    const hit = this.cache.get(word);
    if (hit) return hit;
    const cps = [...word];
    const ids = viterbi(this.lattice(cps), cps.length).edges.map((e) => e.id);
    if (this.cache.size > 100_000) this.cache.clear();
    this.cache.set(word, ids);
    return ids;
  }

  encode(text: string): number[] {
    const out: number[] = [];
    for (const w of this.words(normalizeUnigram(text))) for (const id of this.segment(w)) out.push(id);
    return out;
  }

  private toSeg(edges: Edge[], cps: string[], score: number): Segmentation {
    return { ids: edges.map((e) => e.id), pieces: edges.map((e) => cps.slice(e.start, e.end).join('')), score };
  }

  /** Most probable segmentation with its pieces and log-probability. */
  viterbiSegmentation(text: string): Segmentation {
    const cps = [...normalizeUnigram(text)];
    const v = viterbi(this.lattice(cps), cps.length);
    return this.toSeg(v.edges, cps, v.score);
  }

  /** The k most probable segmentations, best first. */
  nBest(text: string, k: number): Segmentation[] {
    const cps = [...normalizeUnigram(text)];
    return nBest(this.lattice(cps), cps.length, k).map((p) => this.toSeg(p.edges, cps, p.score));
  }

  /** One segmentation drawn with P ∝ P(seg)^alpha (subword regularization). */
  sample(text: string, alpha: number, rng: Rng): Segmentation {
    const cps = [...normalizeUnigram(text)];
    const edges = samplePath(this.lattice(cps), cps.length, alpha, rng.uniform);
    return this.toSeg(edges, cps, edges.reduce((s, e) => s + e.score, 0));
  }

  decode(ids: readonly number[]): string {
    const s = ids.map((id) => (id === 0 ? '\uFFFD' : (this.pieces[id]?.piece ?? ''))).join('');
    return s.replaceAll(SPACE, ' ').replace(/^ /, '');
  }

  encodeWithSpans(text: string): TokenSpan[] {
    const clean = toWellFormed(text);
    const bo = byteOffsets(clean);
    const spans: TokenSpan[] = [];
    let pos = -1; // UTF-16 offset in clean of the current normalized position (the dummy ▁ is at -1)
    for (const w of this.words(normalizeUnigram(clean))) {
      const cps = [...w];
      const ids = this.segment(w);
      let k = 0;
      for (const id of ids) {
        const len = id === 0 ? 1 : [...this.pieces[id].piece].length;
        const units = cps.slice(k, k + len).join('').length;
        const start = Math.max(0, pos);
        const end = pos + units;
        spans.push({ id, text: this.tokenText(id), start, end, byteStart: bo[start], byteEnd: bo[end], partial: false, special: id === 0 });
        pos = end;
        k += len;
      }
    }
    return spans;
  }

  tokenText(id: number): string {
    return this.pieces[id]?.piece ?? '';
  }

  toJSON(): { format: 'llmlab-unigram'; version: 1; name: string; pieces: [string, number][] } {
    return { format: 'llmlab-unigram', version: 1, name: this.name, pieces: this.pieces.map((p) => [p.piece, p.score]) };
  }

  static fromJSON(j: { format: string; name: string; pieces: [string, number][] }): UnigramTokenizer {
    if (j.format !== 'llmlab-unigram') throw new Error('not an llmlab-unigram file');
    return new UnigramTokenizer(j.pieces.map(([piece, score]) => ({ piece, score })), j.name);
  }
}
