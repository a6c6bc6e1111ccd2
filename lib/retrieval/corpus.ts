/**
 * The retrieval lesson's passage corpus: short paragraphs cut from the lab's own public-domain
 * training texts (training/data, provenance in models/manifest.json), each with its source and
 * character offset so anyone can find it again. Pure and deterministic: the same texts give the
 * same passages, byte for byte (scripts/build-passages.ts writes lib/retrieval/passages.json).
 *
 *   Austen: paragraphs of the validation slice only (the last 5% of austen.txt, after the cut the
 *           trainer used), so `lm` never trained on these words.
 *   Moby-Dick: every n-th qualifying paragraph of the whole book (lm did train on Moby-Dick).
 *
 * A paragraph qualifies when it has MIN_WORDS…MAX_WORDS words; line breaks inside it become
 * single spaces.
 *
 *   buildPassages([{ source: 'x', text: 'a b c\n\nd e', from: 0, every: 1, max: 9 }], 1, 5)
 *     → [{ id: 'x-0', source: 'x', offset: 0, text: 'a b c' }, { id: 'x-7', …, text: 'd e' }]
 */

export interface Passage {
  /** `<source>-<offset>`: unique and stable while the source text is unchanged. */
  id: string;
  source: string;
  /** Character offset of the paragraph's first character in the source file. */
  offset: number;
  text: string;
}

export interface SourceSpec {
  source: string;
  text: string;
  /** Only paragraphs starting at or after this character offset. */
  from: number;
  /** Keep every `every`-th qualifying paragraph (the first one included). */
  every: number;
  /** At most this many passages from this source. */
  max: number;
}

export const MIN_WORDS = 25;
export const MAX_WORDS = 60;

/** Index of the first character after the newline at or after floor(fraction · length): the trainer's train/validation cut. */
export function splitPoint(text: string, fraction: number): number {
  const nl = text.indexOf('\n', Math.floor(text.length * fraction));
  return nl < 0 ? text.length : nl + 1;
}

const words = (s: string): number => s.split(/\s+/).filter(Boolean).length;

export function buildPassages(specs: readonly SourceSpec[], minWords = MIN_WORDS, maxWords = MAX_WORDS): Passage[] {
  const out: Passage[] = [];
  for (const s of specs) {
    let seen = 0;
    let kept = 0;
    const re = /\n[ \t]*\n/g;
    let from = s.from;
    const consider = (a: number, b: number) => {
      while (a < b && /\s/.test(s.text[a])) a++;
      while (b > a && /\s/.test(s.text[b - 1])) b--;
      if (b <= a || kept >= s.max) return;
      const text = s.text.slice(a, b).replace(/\s+/g, ' ');
      const n = words(text);
      if (n < minWords || n > maxWords) return;
      if (seen++ % s.every === 0) {
        out.push({ id: `${s.source}-${a}`, source: s.source, offset: a, text });
        kept++;
      }
    };
    re.lastIndex = s.from;
    for (let m = re.exec(s.text); m; m = re.exec(s.text)) {
      consider(from, m.index);
      from = m.index + m[0].length;
    }
    consider(from, s.text.length);
  }
  return out;
}

/** The lesson's corpus from the two training files (the script and the test call this). */
export function lessonSpecs(austen: string, moby: string): SourceSpec[] {
  return [
    { source: 'austen', text: austen, from: austen.indexOf('\n\n', splitPoint(austen, 0.95)), every: 1, max: 100 },
    { source: 'moby', text: moby, from: 0, every: 9, max: 60 },
  ];
}
