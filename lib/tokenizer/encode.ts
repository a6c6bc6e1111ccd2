/**
 * BpeTokenizer: encode / decode / spans over a BpeModel (see model.ts).
 *
 * encode(text):
 *   1. lone surrogates → U+FFFD (defined behaviour; see types.ts),
 *   2. split around special tokens (allowedSpecial: 'all' by default, 'none' = plain text),
 *   3. split each text segment with the pre-tokenization regex,
 *   4. per piece: cache hit → ids; else UTF-8 bytes → byte ids → (ranks kind: whole-piece
 *      lookup, as tiktoken does) → merge loop (merge.ts) → cache.
 * decode(ids): concatenate the bytes of each id, decode UTF-8 (invalid → U+FFFD, BOM kept).
 *
 * Example (GPT-2): encode("hello world") → [31373, 995]; decode([31373, 995]) → "hello world".
 */
import { codePointLengths, concatBytes, displayBytes, utf8Decode, utf8Push } from './bytes';
import type { BpeModel } from './model';
import { bytesKey, unpairKey } from './model';
import { mergePiece, mergeSteps, type EncodeStep } from './merge';
import { compilePattern, forEachPiece, splitSpecial, toWellFormed } from './pretokenize';
import type { TokenSpan, Tokenizer } from './types';

export type AllowedSpecial = 'all' | 'none' | readonly string[];
export interface EncodeOptions {
  /** Which special-token strings are turned into their ids ('all' by default). */
  allowedSpecial?: AllowedSpecial;
}

/** Merge tree of a token: which merges built it (leaves are bytes or special tokens). */
export interface MergeNode {
  id: number;
  text: string;
  left?: MergeNode;
  right?: MergeNode;
}

const CACHE_MAX = 200_000;

export class BpeTokenizer implements Tokenizer {
  readonly name: string;
  readonly model: BpeModel;
  readonly vocabSize: number;
  private readonly re: RegExp;
  private readonly cache = new Map<string, number[]>();
  private readonly buf: number[] = [];
  private parents: Map<number, [number, number]> | null = null;

  constructor(model: BpeModel, name = 'BPE') {
    this.model = model;
    this.name = name;
    this.vocabSize = model.vocab.length;
    this.re = compilePattern(model.pattern);
  }

  /** Ordered merges (empty for a tiktoken-ranks vocabulary). */
  get merges(): readonly [number, number][] {
    return this.model.merges;
  }

  get specialTokens(): ReadonlyMap<string, number> {
    return this.model.specialTokens;
  }

  /** Ids of one pre-tokenized piece (no special-token handling). */
  encodePiece(piece: string): number[] {
    const hit = this.cache.get(piece);
    if (hit !== undefined) return hit;
    const m = this.model;
    const bytes = this.buf;
    bytes.length = 0;
    utf8Push(piece, bytes);
    let ids: number[];
    const whole = m.byBytes !== null && bytes.length > 1 ? m.byBytes.get(bytesKey(bytes)) : undefined;
    if (whole !== undefined) ids = [whole];
    else {
      ids = new Array(bytes.length);
      for (let i = 0; i < bytes.length; i++) ids[i] = m.byteToId[bytes[i]];
      ids = mergePiece(ids, m.pairToId);
    }
    if (this.cache.size >= CACHE_MAX) this.cache.clear();
    this.cache.set(piece, ids);
    return ids;
  }

  private segments(text: string, allowed: AllowedSpecial) {
    const specials =
      allowed === 'none' ? [] : allowed === 'all' ? [...this.model.specialTokens.keys()] : allowed.filter((s) => this.model.specialTokens.has(s));
    return splitSpecial(text, specials);
  }

  encode(text: string, opts: EncodeOptions = {}): number[] {
    const clean = toWellFormed(text);
    const out: number[] = [];
    for (const seg of this.segments(clean, opts.allowedSpecial ?? 'all')) {
      if (seg.kind === 'special') {
        out.push(this.model.specialTokens.get(seg.text) as number);
        continue;
      }
      forEachPiece(seg.text, this.re, (piece) => {
        const ids = this.encodePiece(piece);
        for (let i = 0; i < ids.length; i++) out.push(ids[i]);
      });
    }
    return out;
  }

  /** Encode treating special-token strings as ordinary text. */
  encodeOrdinary(text: string): number[] {
    return this.encode(text, { allowedSpecial: 'none' });
  }

  /** Every intermediate state of the merge loop on one piece (for teaching). */
  encodeSteps(piece: string): EncodeStep[] {
    const bytes: number[] = [];
    utf8Push(toWellFormed(piece), bytes);
    return mergeSteps(
      bytes.map((b) => this.model.byteToId[b]),
      this.model.pairToId,
    );
  }

  encodeWithSpans(text: string, opts: EncodeOptions = {}): TokenSpan[] {
    const clean = toWellFormed(text);
    const out: TokenSpan[] = [];
    let byteOffset = 0;
    for (const seg of this.segments(clean, opts.allowedSpecial ?? 'all')) {
      if (seg.kind === 'special') {
        const id = this.model.specialTokens.get(seg.text) as number;
        const n = this.tokenBytes(id).length;
        out.push({ id, text: seg.text, start: seg.start, end: seg.start + seg.text.length, byteStart: byteOffset, byteEnd: byteOffset + n, partial: false, special: true });
        byteOffset += n;
        continue;
      }
      forEachPiece(seg.text, this.re, (piece, at) => {
        byteOffset = this.pieceSpans(piece, seg.start + at, byteOffset, this.encodePiece(piece), out);
      });
    }
    return out;
  }

  /** Push spans for one piece; returns the byte offset after it. */
  private pieceSpans(piece: string, start: number, byteStart: number, ids: number[], out: TokenSpan[]): number {
    // char boundaries of the piece in bytes: charAt[k] = UTF-16 offset of the char holding byte k
    const charStartOfByte: number[] = [];
    const charEndOfByte: number[] = [];
    for (let i = 0; i < piece.length; ) {
      const [nb, nu] = codePointLengths(piece, i);
      for (let k = 0; k < nb; k++) {
        charStartOfByte.push(i);
        charEndOfByte.push(i + nu);
      }
      i += nu;
    }
    let b = 0;
    for (const id of ids) {
      const n = this.tokenBytes(id).length;
      const s = charStartOfByte[b];
      const e = charEndOfByte[b + n - 1];
      const partial = (b > 0 && charStartOfByte[b - 1] === s) || (b + n < charStartOfByte.length && charStartOfByte[b + n] === charStartOfByte[b + n - 1]);
      out.push({ id, text: this.tokenText(id), start: start + s, end: start + e, byteStart: byteStart + b, byteEnd: byteStart + b + n, partial, special: false });
      b += n;
    }
    return byteStart + b;
  }

  /** Concatenated bytes of ids (unknown ids skipped). */
  decodeBytes(ids: readonly number[]): Uint8Array {
    const parts: Uint8Array[] = [];
    for (const id of ids) {
      const t = this.model.vocab[id];
      if (t !== undefined) parts.push(t);
    }
    return concatBytes(parts);
  }

  decode(ids: readonly number[]): string {
    return utf8Decode(this.decodeBytes(ids));
  }

  tokenBytes(id: number): Uint8Array {
    return this.model.vocab[id] ?? new Uint8Array(0);
  }

  tokenText(id: number): string {
    return displayBytes(this.tokenBytes(id));
  }

  isSpecial(id: number): boolean {
    for (const v of this.model.specialTokens.values()) if (v === id) return true;
    return false;
  }

  /** Id of the token whose bytes are exactly the UTF-8 of text (or these bytes), if any. */
  idOf(text: string | Uint8Array): number | undefined {
    const bytes: number[] = [];
    if (typeof text === 'string') utf8Push(text, bytes);
    else bytes.push(...text);
    const key = bytesKey(bytes);
    if (this.model.byBytes) return this.model.byBytes.get(key);
    for (let id = 0; id < this.model.vocab.length; id++) {
      const t = this.model.vocab[id];
      if (t !== undefined && t.length === bytes.length && bytesKey(t) === key) return id;
    }
    return undefined;
  }

  /** The pair that was merged into id (undefined for bytes and special tokens). */
  parentsOf(id: number): [number, number] | undefined {
    if (this.model.kind === 'merges') return id >= 256 && id - 256 < this.model.merges.length ? this.model.merges[id - 256] : undefined;
    if (this.parents === null) {
      this.parents = new Map();
      for (const [k, v] of this.model.pairToId) {
        const [a, b] = unpairKey(k);
        const old = this.parents.get(v);
        // several splits can build a rank token; keep the one whose parts were built earliest
        if (old === undefined || Math.max(a, b) < Math.max(old[0], old[1])) this.parents.set(v, [a, b]);
      }
    }
    return this.parents.get(id);
  }

  /** The merges that built token id, as a binary tree down to bytes ("merges that built X"). */
  mergeTree(id: number): MergeNode {
    const p = this.parentsOf(id);
    const node: MergeNode = { id, text: this.tokenText(id) };
    if (p !== undefined) {
      node.left = this.mergeTree(p[0]);
      node.right = this.mergeTree(p[1]);
    }
    return node;
  }
}
