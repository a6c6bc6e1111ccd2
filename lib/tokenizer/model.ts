/**
 * The data of a byte-level BPE tokenizer, shared by training, encoding and loading.
 *
 * Two ways to get one:
 *  - fromMerges: our own trained tokenizers. Ids 0…255 are the bytes, merge i (0-based)
 *    creates id 256+i from the pair (a, b), special tokens come after the merges.
 *  - fromRanks: an existing tiktoken-style vocabulary (GPT-2 r50k, cl100k): a map from byte
 *    strings to ranks, where the rank is the id. A pair (a, b) can merge when the
 *    concatenation of their bytes is itself a token; we precompute every such split.
 *
 * In both cases `pairToId` maps a pair key (a·2²⁰ + b) to the merged id, and a smaller merged
 * id means an earlier merge, so one encode loop serves both ("merge the adjacent pair whose
 * merged id is smallest, leftmost first").
 *
 * Example (fromMerges): merges [[97,97],[97,98],[256,257]] on "aaabdaaabac" give
 * 256="aa", 257="ab", 258="aaab" — the Wikipedia example's Z, Y, X.
 */

export const ID_STRIDE = 1 << 20;
export const MAX_ID = ID_STRIDE - 1;

/** Key of the ordered pair (a, b); both ids must be < 2²⁰. */
export function pairKey(a: number, b: number): number {
  return a * ID_STRIDE + b;
}

/** Inverse of pairKey. */
export function unpairKey(k: number): [number, number] {
  const a = Math.floor(k / ID_STRIDE);
  return [a, k - a * ID_STRIDE];
}

export interface BpeModel {
  kind: 'merges' | 'ranks';
  /** Pre-tokenization regex source (compiled with flags "gu"). */
  pattern: string;
  /** Id of each single byte. Identity for 'merges'; GPT-2 permutes them. */
  byteToId: Int32Array;
  /** Bytes of every id (special tokens: their UTF-8); undefined for gaps. */
  vocab: (Uint8Array | undefined)[];
  /** pairKey(a, b) → merged id; smaller merged id = earlier merge. */
  pairToId: Map<number, number>;
  /** Ordered merges ('merges' kind only; empty for 'ranks'). */
  merges: [number, number][];
  /** Special token text → id. */
  specialTokens: Map<string, number>;
  /** 'ranks' kind: latin1 string of a token's bytes → id (tiktoken's whole-piece lookup). */
  byBytes: Map<string, number> | null;
}

/** Latin-1 string with one char per byte: a cheap Map key for a byte string. */
export function bytesKey(bytes: ArrayLike<number>): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return s;
}

function keyToBytes(k: string): Uint8Array {
  const out = new Uint8Array(k.length);
  for (let i = 0; i < k.length; i++) out[i] = k.charCodeAt(i);
  return out;
}

function addSpecials(vocab: (Uint8Array | undefined)[], specials: Map<string, number>): void {
  const enc = new TextEncoder();
  for (const [text, id] of specials) {
    if (!Number.isInteger(id) || id < 0 || id > MAX_ID) throw new Error(`bad special token id ${id}`);
    if (vocab[id] !== undefined) throw new Error(`special token ${text} reuses id ${id}`);
    vocab[id] = enc.encode(text);
  }
}

/** Build a model from ordered merges over the 256 byte ids. */
export function fromMerges(
  merges: readonly (readonly [number, number])[],
  pattern: string,
  specialTokens: Map<string, number> = new Map(),
): BpeModel {
  const vocab: (Uint8Array | undefined)[] = [];
  for (let b = 0; b < 256; b++) vocab.push(Uint8Array.of(b));
  const pairToId = new Map<number, number>();
  const list: [number, number][] = [];
  merges.forEach(([a, b], i) => {
    const id = 256 + i;
    const va = vocab[a];
    const vb = vocab[b];
    if (va === undefined || vb === undefined || a >= id || b >= id) {
      throw new Error(`merge ${i} uses an id that does not exist yet: (${a}, ${b})`);
    }
    const t = new Uint8Array(va.length + vb.length);
    t.set(va);
    t.set(vb, va.length);
    vocab.push(t);
    const k = pairKey(a, b);
    if (!pairToId.has(k)) pairToId.set(k, id);
    list.push([a, b]);
  });
  addSpecials(vocab, specialTokens);
  const byteToId = new Int32Array(256);
  for (let b = 0; b < 256; b++) byteToId[b] = b;
  return { kind: 'merges', pattern, byteToId, vocab, pairToId, merges: list, specialTokens, byBytes: null };
}

/**
 * Build a model from tiktoken-style ranks: latin1 byte-string key → rank (= id).
 * Every one of the 256 single bytes must be present.
 */
export function fromRanks(
  ranks: Map<string, number>,
  pattern: string,
  specialTokens: Map<string, number> = new Map(),
): BpeModel {
  const vocab: (Uint8Array | undefined)[] = [];
  const byteToId = new Int32Array(256).fill(-1);
  for (const [k, id] of ranks) {
    if (id > MAX_ID) throw new Error(`rank ${id} too large`);
    vocab[id] = keyToBytes(k);
    if (k.length === 1) byteToId[k.charCodeAt(0)] = id;
  }
  for (let b = 0; b < 256; b++) if (byteToId[b] < 0) throw new Error(`byte ${b} has no rank`);
  const pairToId = new Map<number, number>();
  for (const [k, id] of ranks) {
    for (let cut = 1; cut < k.length; cut++) {
      const a = ranks.get(k.slice(0, cut));
      if (a === undefined) continue;
      const b = ranks.get(k.slice(cut));
      if (b !== undefined) pairToId.set(pairKey(a, b), id);
    }
  }
  addSpecials(vocab, specialTokens);
  return { kind: 'ranks', pattern, byteToId, vocab, pairToId, merges: [], specialTokens, byBytes: ranks };
}
