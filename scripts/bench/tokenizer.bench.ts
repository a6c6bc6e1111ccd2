/**
 * Tokenizer benchmarks (one run, ratios printed):
 *  1. Encode throughput on GPT-2's and cl100k's vocabularies: our BpeTokenizer vs js-tiktoken
 *     (and gpt-tokenizer for reference) on the same ~1 MB of mixed prose; ids must be identical.
 *     "cold" = a fresh tokenizer (empty piece cache), "warm" = second pass over the same text.
 *  2. BPE training time at a 4k vocabulary on 1 MB: our incremental trainer vs a straightforward
 *     trainer (written below) that recounts every pair of the whole corpus before every merge,
 *     minbpe-style. The naive one is run for its first N merges (the merges are checked equal to
 *     ours) and extrapolated: its cost per merge is proportional to the corpus length in tokens,
 *     which our merge trace gives for every merge, so total ≈ (measured / Σ_{m<N} len_m) · Σ_m len_m.
 *     A small configuration where the naive trainer runs to completion is measured directly too.
 */
import { readFileSync } from 'node:fs';
import { getEncoding } from 'js-tiktoken';
import { encode as gptTokR50k } from 'gpt-tokenizer/encoding/r50k_base';
import { BpeTokenizer, loadCl100k, loadGpt2, splitPieces, trainBpe, GPT2_PATTERN } from '@/lib/tokenizer/bpe';
import { trainUnigram } from '@/lib/tokenizer/unigram-train';
import { trainWordPiece } from '@/lib/tokenizer/wordpiece-train';

const CORPUS = '/work/shared/corpus';

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const out = fn();
  return [out, performance.now() - t0];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function sameIds(a: number[], b: number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function mixedText(bytes: number): string {
  const a = readFileSync(`${CORPUS}/austen.txt`, 'utf8');
  const m = readFileSync(`${CORPUS}/moby-dick.txt`, 'utf8');
  const s = readFileSync(`${CORPUS}/sotu.txt`, 'utf8');
  return a.slice(0, bytes * 0.5) + m.slice(0, bytes * 0.3) + s.slice(0, bytes * 0.2);
}

async function encodeBench(label: string, load: () => Promise<BpeTokenizer>, ref: { encode(t: string): number[] }, text: string, extra?: (t: string) => number[]) {
  const mb = new TextEncoder().encode(text).length / 1e6;
  const refTimes: number[] = [];
  const cold: number[] = [];
  const warm: number[] = [];
  const extraTimes: number[] = [];
  let refIds: number[] = [];
  let ours: number[] = [];
  let extraIds: number[] = [];
  // interleaved rounds so machine noise hits every contender alike; medians of 5
  for (let r = 0; r < 5; r++) {
    const [ids, ms] = time(() => ref.encode(text));
    refIds = ids;
    refTimes.push(ms);
    const tok = await load();
    const [o, msCold] = time(() => tok.encode(text));
    const [, msWarm] = time(() => tok.encode(text));
    ours = o;
    cold.push(msCold);
    warm.push(msWarm);
    if (extra) {
      const [x, msX] = time(() => extra(text));
      extraIds = x;
      extraTimes.push(msX);
    }
  }
  const tRef = median(refTimes);
  const tCold = median(cold);
  const tWarm = median(warm);
  console.log(`\n${label}: ${mb.toFixed(2)} MB, ${refIds.length} tokens, ids identical: ${sameIds(ours, refIds)}`);
  console.log(`  js-tiktoken        ${tRef.toFixed(0).padStart(6)} ms  ${(mb / (tRef / 1000)).toFixed(2).padStart(6)} MB/s`);
  if (extra) {
    const t = median(extraTimes);
    console.log(`  gpt-tokenizer      ${t.toFixed(0).padStart(6)} ms  ${(mb / (t / 1000)).toFixed(2).padStart(6)} MB/s  (its cache persists across runs; ids identical: ${sameIds(extraIds, refIds)})`);
  }
  console.log(`  ours, cold cache   ${tCold.toFixed(0).padStart(6)} ms  ${(mb / (tCold / 1000)).toFixed(2).padStart(6)} MB/s  ratio vs js-tiktoken ${(tRef / tCold).toFixed(2)}×`);
  console.log(`  ours, warm cache   ${tWarm.toFixed(0).padStart(6)} ms  ${(mb / (tWarm / 1000)).toFixed(2).padStart(6)} MB/s  ratio vs js-tiktoken ${(tRef / tWarm).toFixed(2)}×`);
  return tRef / tCold;
}

/**
 * The straightforward trainer: every piece is its own id list; before each merge, count every
 * adjacent pair of the whole corpus; pick the best (count desc, then a asc, then b asc); rewrite
 * every piece. Stops after maxMerges (to keep the bench short). Returns merges and ms.
 */
function naiveTrain(text: string, numMerges: number, maxMerges: number): { merges: [number, number][]; ms: number } {
  const t0 = performance.now();
  const enc = new TextEncoder();
  let seqs = splitPieces(text, GPT2_PATTERN).map((p) => Array.from(enc.encode(p)));
  const merges: [number, number][] = [];
  for (let m = 0; m < Math.min(numMerges, maxMerges); m++) {
    const counts = new Map<number, number>();
    for (const s of seqs) for (let i = 0; i + 1 < s.length; i++) {
      const k = s[i] * 1048576 + s[i + 1];
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    let best = -1;
    let bestC = 0;
    for (const [k, c] of counts) if (c > bestC || (c === bestC && k < best)) {
      best = k;
      bestC = c;
    }
    if (best < 0) break;
    const a = Math.floor(best / 1048576);
    const b = best - a * 1048576;
    const id = 256 + m;
    seqs = seqs.map((s) => {
      const out: number[] = [];
      for (let i = 0; i < s.length; ) {
        if (i + 1 < s.length && s[i] === a && s[i + 1] === b) {
          out.push(id);
          i += 2;
        } else out.push(s[i++]);
      }
      return out;
    });
    merges.push([a, b]);
  }
  return { merges, ms: performance.now() - t0 };
}

function trainBench(text: string, vocab: number, naiveMerges: number): number {
  const mb = new TextEncoder().encode(text).length / 1e6;
  const numMerges = vocab - 256;
  const ours = trainBpe(text, vocab);
  const oursMs = median([ours.stats.ms, trainBpe(text, vocab).stats.ms, trainBpe(text, vocab).stats.ms]);
  const naive = naiveTrain(text, numMerges, naiveMerges);
  const n = naive.merges.length;
  const same = naive.merges.every(([a, b], i) => ours.merges[i][0] === a && ours.merges[i][1] === b);
  let measured = 0;
  let total = 0;
  ours.trace.forEach((s, i) => {
    total += s.tokensBefore;
    if (i < n) measured += s.tokensBefore;
  });
  const full = n >= numMerges;
  const naiveMs = full ? naive.ms : (naive.ms * total) / measured;
  console.log(`\nBPE training, ${mb.toFixed(2)} MB, vocab ${vocab} (${numMerges} merges), ${ours.stats.uniqueWords} unique words`);
  console.log(`  ours (incremental + heap)   ${oursMs.toFixed(0).padStart(8)} ms`);
  console.log(
    `  naive (recount every merge) ${naiveMs.toFixed(0).padStart(8)} ms  ` +
      (full ? '(measured, all merges)' : `(EXTRAPOLATED from ${n} measured merges = ${naive.ms.toFixed(0)} ms, cost ∝ corpus tokens per merge)`),
  );
  console.log(`  first ${n} merges identical: ${same};  ratio naive / ours = ${(naiveMs / oursMs).toFixed(1)}×`);
  if (full) {
    // check the extrapolation rule where the truth is known: predict the full run from 60 merges
    const part = naiveTrain(text, numMerges, 60);
    let m60 = 0;
    ours.trace.slice(0, 60).forEach((s) => (m60 += s.tokensBefore));
    console.log(`  (extrapolation check: 60 merges → predicted ${((part.ms * total) / m60).toFixed(0)} ms for all, measured ${naive.ms.toFixed(0)} ms; an under-estimate means the extrapolated ratio below is conservative)`);
  }
  return naiveMs / oursMs;
}

export default async function bench(): Promise<void> {
  const text = mixedText(1_000_000);
  const gpt2Ratio = await encodeBench('GPT-2 (r50k) encode', loadGpt2, getEncoding('gpt2'), text, (t) => gptTokR50k(t));
  await encodeBench('cl100k encode', loadCl100k, getEncoding('cl100k_base'), text);
  const small = trainBench(mixedText(100_000), 1024, Infinity);
  const big = trainBench(text, 4096, 60);
  const austen = readFileSync(`${CORPUS}/austen.txt`, 'utf8');
  const [, fullMs] = time(() => trainBpe(austen, 4096, { specialTokens: ['<|endoftext|>'] }));
  console.log(`\nBPE 4096 on all of austen.txt (4 MB): ${fullMs.toFixed(0)} ms (the shipped models' tokenizer)`);
  const t300 = text.slice(0, 300_000);
  const [, wpMs] = time(() => trainWordPiece(t300, 2000));
  const [, ugMs] = time(() => trainUnigram(t300, 2000));
  console.log(`Other trainers (information, no baseline), 300 KB, 2000 ids: WordPiece ${wpMs.toFixed(0)} ms, Unigram ${ugMs.toFixed(0)} ms`);
  console.log('\nSummary');
  console.log(`  GPT-2 encode vs js-tiktoken (cold cache): ${gpt2Ratio.toFixed(2)}×   target ≥ 1.0×`);
  console.log(`  BPE training vs naive, 100 KB / 1k vocab (measured): ${small.toFixed(1)}×`);
  console.log(`  BPE training vs naive, 1 MB / 4k vocab (extrapolated): ${big.toFixed(1)}×   target ≥ 20×`);
}
