/**
 * A deliberately plain reference BPE trainer for tests (not a test file): every pre-tokenized
 * piece kept as its own byte list (no unique-word weighting), all pair counts recomputed from
 * scratch before every merge, same documented tie rule (count desc, then a asc, then b asc).
 */
import { splitPieces } from '@/lib/tokenizer/pretokenize';

export function naiveTrain(text: string, numMerges: number, pattern: string): [number, number][] {
  const enc = new TextEncoder();
  const seqs = splitPieces(text, pattern).map((p) => Array.from(enc.encode(p)));
  const merges: [number, number][] = [];
  for (let m = 0; m < numMerges; m++) {
    const counts = new Map<string, number>();
    for (const s of seqs) for (let i = 0; i + 1 < s.length; i++) {
      const k = `${s[i]},${s[i + 1]}`;
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    let best: [number, number] | null = null;
    let bestC = 0;
    for (const [k, c] of counts) {
      const [a, b] = k.split(',').map(Number);
      if (c > bestC || (c === bestC && best !== null && (a < best[0] || (a === best[0] && b < best[1])))) {
        best = [a, b];
        bestC = c;
      }
    }
    if (best === null) break;
    const id = 256 + m;
    for (let j = 0; j < seqs.length; j++) {
      const s = seqs[j];
      const out: number[] = [];
      for (let i = 0; i < s.length; ) {
        if (i + 1 < s.length && s[i] === best[0] && s[i + 1] === best[1]) {
          out.push(id);
          i += 2;
        } else out.push(s[i++]);
      }
      seqs[j] = out;
    }
    merges.push(best);
  }
  return merges;
}
