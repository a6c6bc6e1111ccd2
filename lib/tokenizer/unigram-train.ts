/**
 * Unigram training by EM with pruning (Kudo 2018, as in SentencePiece, simplified):
 *
 * 1. Seed: every substring (≤ maxPieceLength code points) of every normalized word
 *    ("▁word"), counted with the word's frequency; keep all single characters plus the
 *    seedSize best substrings by count × length (count ≥ 2). Score = log(count / total).
 * 2. EM: E-step = forward-backward over each unique word's lattice → expected piece counts;
 *    M-step = score ← log(expected / Σ expected) (maximum likelihood; SentencePiece uses a
 *    digamma-based variant). Pieces expected < 0.5 times are dropped (never single chars).
 * 3. Prune: loss(piece) = F · (score(piece) − score of the piece's best segmentation without
 *    it), with F its count in the Viterbi segmentation of the corpus — how much log-likelihood
 *    is lost if its uses are re-segmented. Keep single characters and the highest-loss pieces
 *    so that the vocabulary shrinks by shrinkingFactor (but not below vocabSize).
 * 4. Repeat 2–3 until the vocabulary fits vocabSize (<unk> included), then a final EM.
 *
 * Every substring of every unique word is looked up once (precomputed ids), so a round costs
 * Σ over unique words of length × maxPieceLength array reads.
 */
import { addExpectedCounts, viterbi, type Lattice } from './lattice';
import { SPACE, UNK, UnigramTokenizer, normalizeUnigram, type UnigramPiece } from './unigram';

export interface TrainUnigramOptions {
  maxPieceLength?: number;
  seedSize?: number;
  shrinkingFactor?: number;
  emIterations?: number;
  name?: string;
  onProgress?: (r: UnigramRound) => void;
}

/** One round of training, for a widget that shows the vocabulary shrinking. */
export interface UnigramRound {
  round: number;
  vocabSize: number;
  /** Corpus log-likelihood Σ freq · log P(word) after the EM step. */
  logLikelihood: number;
  /** A few pieces pruned in this round (lowest loss first). */
  pruned: string[];
}

interface Word {
  cps: string[];
  freq: number;
  /** sub[s * L + (len - 1)] = seed id of cps[s, s+len) or -1. */
  sub: Int32Array;
}

export function trainUnigram(
  text: string,
  vocabSize: number,
  opts: TrainUnigramOptions = {},
): { tokenizer: UnigramTokenizer; rounds: UnigramRound[] } {
  const L = opts.maxPieceLength ?? 16;
  const seedSize = opts.seedSize ?? Math.max(8 * vocabSize, 1000);
  const shrink = opts.shrinkingFactor ?? 0.75;
  const emIters = opts.emIterations ?? 2;

  // unique words
  const wc = new Map<string, number>();
  for (const w of normalizeUnigram(text).split(SPACE).slice(1)) {
    const k = SPACE + w;
    wc.set(k, (wc.get(k) ?? 0) + 1);
  }
  // 1. seed substrings
  const subCount = new Map<string, number>();
  const charSet = new Set<string>();
  for (const [w, f] of wc) {
    const cps = [...w];
    for (let s = 0; s < cps.length; s++) {
      charSet.add(cps[s]);
      let sub = '';
      for (let e = s; e < Math.min(cps.length, s + L); e++) {
        sub += cps[e];
        subCount.set(sub, (subCount.get(sub) ?? 0) + f);
      }
    }
  }
  const chars = [...charSet].sort();
  if (chars.length + 1 > vocabSize) throw new Error(`vocabSize ${vocabSize} is below the ${chars.length} characters + <unk>`);
  const multi: [string, number][] = []; // [substring, count × length]
  for (const [s, c] of subCount) {
    if (c < 2) continue;
    const len = [...s].length;
    if (len > 1) multi.push([s, c * len]);
  }
  multi.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const seeds: string[] = [...chars, ...multi.slice(0, seedSize).map(([s]) => s)];
  const seedId = new Map(seeds.map((s, i) => [s, i]));
  const nChars = chars.length;
  let total = 0;
  for (const s of seeds) total += subCount.get(s) as number;
  const score = Float64Array.from(seeds, (s) => Math.log((subCount.get(s) as number) / total));
  const alive = new Uint8Array(seeds.length).fill(1);

  const words: Word[] = [];
  for (const [w, f] of wc) {
    const cps = [...w];
    const sub = new Int32Array(cps.length * L).fill(-1);
    for (let s = 0; s < cps.length; s++) {
      let str = '';
      for (let len = 1; len <= L && s + len <= cps.length; len++) {
        str += cps[s + len - 1];
        sub[s * L + len - 1] = seedId.get(str) ?? -1;
      }
    }
    words.push({ cps, freq: f, sub });
  }

  const latticeOf = (w: Word, skip = -1): Lattice => {
    const n = w.cps.length;
    const lat: Lattice = Array.from({ length: n + 1 }, () => []);
    for (let s = 0; s < n; s++) {
      for (let len = 1; len <= L && s + len <= n; len++) {
        const id = w.sub[s * L + len - 1];
        if (id >= 0 && alive[id] && id !== skip) lat[s + len].push({ start: s, end: s + len, id, score: score[id] });
      }
    }
    return lat;
  };
  const aliveCount = () => alive.reduce((a, b) => a + b, 0);

  const em = (): number => {
    let ll = 0;
    for (let it = 0; it < emIters; it++) {
      const expected = new Float64Array(seeds.length);
      ll = 0;
      for (const w of words) ll += w.freq * addExpectedCounts(latticeOf(w), w.cps.length, w.freq, expected);
      let sum = 0;
      for (let i = 0; i < seeds.length; i++) {
        if (!alive[i]) continue;
        if (i >= nChars && expected[i] < 0.5) alive[i] = 0;
        else sum += expected[i];
      }
      for (let i = 0; i < seeds.length; i++) if (alive[i]) score[i] = Math.log(Math.max(expected[i], 1e-12) / sum);
    }
    return ll;
  };

  const rounds: UnigramRound[] = [];
  for (let round = 0; ; round++) {
    const ll = em();
    const size = aliveCount();
    if (size + 1 <= vocabSize) {
      rounds.push({ round, vocabSize: size + 1, logLikelihood: ll, pruned: [] });
      opts.onProgress?.(rounds[rounds.length - 1]);
      break;
    }
    // 3. prune by loss
    const F = new Float64Array(seeds.length);
    for (const w of words) for (const e of viterbi(latticeOf(w), w.cps.length).edges) F[e.id] += w.freq;
    const losses: [number, number][] = [];
    for (let i = nChars; i < seeds.length; i++) {
      if (!alive[i]) continue;
      const cps = [...seeds[i]];
      const pw: Word = { cps, freq: 1, sub: new Int32Array(cps.length * L).fill(-1) };
      for (let s = 0; s < cps.length; s++) {
        let str = '';
        for (let len = 1; len <= L && s + len <= cps.length; len++) {
          str += cps[s + len - 1];
          pw.sub[s * L + len - 1] = seedId.get(str) ?? -1;
        }
      }
      const alt = viterbi(latticeOf(pw, i), cps.length).score;
      losses.push([i, F[i] * (score[i] - alt)]);
    }
    losses.sort((a, b) => b[1] - a[1] || score[b[0]] - score[a[0]] || a[0] - b[0]);
    const keepTotal = Math.max(vocabSize - 1, Math.floor(size * shrink));
    const keepMulti = Math.max(0, keepTotal - nChars);
    const pruned = losses.slice(keepMulti);
    for (const [i] of pruned) alive[i] = 0;
    rounds.push({ round, vocabSize: size + 1, logLikelihood: ll, pruned: pruned.slice(-8).reverse().map(([i]) => seeds[i]) });
    opts.onProgress?.(rounds[rounds.length - 1]);
  }

  const kept: UnigramPiece[] = [];
  for (let i = 0; i < seeds.length; i++) if (alive[i]) kept.push({ piece: seeds[i], score: score[i] });
  kept.sort((a, b) => b.score - a.score || (a.piece < b.piece ? -1 : 1));
  return { tokenizer: new UnigramTokenizer([{ piece: UNK, score: 0 }, ...kept], opts.name), rounds };
}
