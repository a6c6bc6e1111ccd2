/**
 * Writes public/data/corpus-excerpt.json: the slice of the training corpus that the data lesson
 * ("Where the data comes from") ships to the browser (the whole corpus is 9 MB; the page may
 * carry about 200 KB). Every window is verbatim text of training/data/<file> (public domain, see
 * models/manifest.json → corpus), cut at paragraph or line boundaries;
 * test/lib/data/excerpt.test.ts checks each window against the file.
 *
 * The windows: the openings of Sense and Sensibility, Pride and Prejudice and Moby-Dick
 * (ordinary prose), Numbers 1–10 of the King James Bible, the places where the full-corpus scan
 * (scripts/data-report.ts) found repeated spans in Austen and Moby-Dick, and the first 15,000
 * characters of the validation split (the last 5% of austen.txt), which the model never trained on.
 *
 *   npx tsx scripts/make-data-excerpt.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';

interface Spec {
  file: 'austen.txt' | 'moby-dick.txt' | 'kjv.txt';
  from: number;
  to: number;
  label: string;
  role: 'train' | 'validation';
  split: 'paragraph' | 'line';
}

const VAL_START = 3823823; // training/data/tokens.json → split
const kjv = readFileSync('training/data/kjv.txt', 'utf8');
const num1 = kjv.indexOf('And the LORD spake unto Moses in the wilderness of Sinai, in the tabernacle');
const num10 = kjv.indexOf('And the children of Israel took their journeys out of the wilderness of Sinai');

const SPECS: Spec[] = [
  { file: 'austen.txt', from: 0, to: 45_000, label: 'Sense and Sensibility, opening', role: 'train', split: 'paragraph' },
  { file: 'austen.txt', from: 231_000, to: 235_500, label: 'Sense and Sensibility, end of volume 1', role: 'train', split: 'paragraph' },
  { file: 'austen.txt', from: 318_200, to: 323_200, label: "Sense and Sensibility, Marianne's letters", role: 'train', split: 'paragraph' },
  { file: 'austen.txt', from: 441_800, to: 445_000, label: 'Sense and Sensibility, end of volume 2', role: 'train', split: 'paragraph' },
  { file: 'austen.txt', from: 673_688, to: 700_000, label: 'Pride and Prejudice, opening', role: 'train', split: 'paragraph' },
  { file: 'austen.txt', from: 2_365_900, to: 2_370_600, label: "Emma, Mr. Elton's charade", role: 'train', split: 'paragraph' },
  { file: 'moby-dick.txt', from: 0, to: 30_000, label: 'Moby-Dick, opening', role: 'train', split: 'paragraph' },
  { file: 'moby-dick.txt', from: 225_700, to: 227_000, label: 'Moby-Dick, ch. 24 (The Advocate)', role: 'train', split: 'paragraph' },
  { file: 'moby-dick.txt', from: 912_600, to: 914_200, label: 'Moby-Dick, ch. 99 (The Doubloon)', role: 'train', split: 'paragraph' },
  { file: 'moby-dick.txt', from: 1_045_700, to: 1_047_000, label: 'Moby-Dick, ch. 119 (The Candles)', role: 'train', split: 'paragraph' },
  { file: 'kjv.txt', from: num1, to: num10, label: 'King James Bible, Numbers 1:1–10:10', role: 'train', split: 'line' },
  { file: 'austen.txt', from: VAL_START, to: VAL_START + 15_000, label: 'Persuasion, start of the validation split', role: 'validation', split: 'paragraph' },
];

const texts = new Map<string, string>();
const read = (f: string) => texts.get(f) ?? (texts.set(f, readFileSync(`training/data/${f}`, 'utf8')), texts.get(f)!);

/** Move a to the start of its paragraph (or line) and b to the end of its one. */
function snap(t: string, a: number, b: number, split: Spec['split'], floor: number): [number, number] {
  const sep = split === 'paragraph' ? '\n\n' : '\n';
  if (a > floor) {
    const p = t.lastIndexOf(sep, a);
    a = p < floor ? floor : p + sep.length;
  }
  const q = t.indexOf(sep, b);
  b = q < 0 ? t.length : q;
  return [a, b];
}

const windows = SPECS.map((s) => {
  const t = read(s.file);
  const floor = s.role === 'validation' ? VAL_START : 0;
  // the validation split starts mid-paragraph: begin at its first whole paragraph
  const from = s.role === 'validation' ? t.indexOf('\n\n', s.from) + 2 : s.from;
  const [a, b] = snap(t, from, s.to, s.split, floor);
  if (s.role === 'train' && s.file === 'austen.txt' && b > VAL_START) throw new Error('training window reaches the validation split');
  return { file: s.file, role: s.role, label: s.label, split: s.split, chars: [a, b], text: t.slice(a, b) };
});

const out = {
  about: 'Verbatim windows of training/data/*.txt (public domain; see models/manifest.json → corpus). Made by scripts/make-data-excerpt.ts.',
  windows,
};
const json = JSON.stringify(out);
writeFileSync('public/data/corpus-excerpt.json', json + '\n');
console.log(`public/data/corpus-excerpt.json: ${windows.length} windows, ${windows.reduce((n, w) => n + w.text.length, 0)} characters, ${Buffer.byteLength(json)} bytes`);
