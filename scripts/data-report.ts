/**
 * What the data tools of lib/data find in the FULL training corpus of `lm` (training/data/*.txt,
 * the training split of austen.txt): identical passages, exact repeated spans (suffix array),
 * near-duplicate passages (MinHash + LSH, SimHash), and 8/13-gram overlap of the validation split
 * with the training text. The data lesson quotes these numbers; test/lib/data/corpus.test.ts
 * re-checks the cheap ones. Takes about two minutes on one core.
 *
 *   npx tsx scripts/data-report.ts
 */
import { readFileSync } from 'node:fs';
import { contaminationJob, exactJob, nearJob, splitPassages } from '../lib/data/index';

const D = 'training/data/';
const tokens = JSON.parse(readFileSync(D + 'tokens.json', 'utf8'));
const cut: number = tokens.files['austen.train.bin'].chars[1];
const austen = readFileSync(D + 'austen.txt', 'utf8');
const train = { austen: austen.slice(0, cut), moby: readFileSync(D + 'moby-dick.txt', 'utf8').slice(0, tokens.files['moby-dick.bin'].chars[1]), kjv: readFileSync(D + 'kjv.txt', 'utf8') };
const val = austen.slice(cut);
const names = Object.keys(train) as Array<keyof typeof train>;
const P = { austen: splitPassages(train.austen, 'paragraph'), moby: splitPassages(train.moby, 'paragraph'), kjv: splitPassages(train.kjv, 'line') };

console.log('## Identical passages (paragraphs; KJV: verses)');
for (const k of names) {
  const c = new Map<string, number>();
  for (const p of P[k]) c.set(p.text, (c.get(p.text) ?? 0) + 1);
  const dups = [...c].filter(([, n]) => n > 1).sort((a, b) => b[1] - a[1]);
  console.log(`${k}: ${P[k].length} passages, ${dups.length} texts occur more than once, ${dups.reduce((a, [, n]) => a + n - 1, 0)} extra copies; top: ${dups.slice(0, 5).map(([t, n]) => `${n}× ${JSON.stringify(t.slice(0, 50))}`).join('; ')}`);
}

console.log('\n## Exact repeated spans (characters, suffix array over the three texts)');
for (const k of [50, 100, 200]) {
  const j = exactJob(names.map((n) => train[n]), k);
  console.log(`k = ${k}: ${names.map((n, i) => `${n} ${j.coveredChars[i]} of ${j.totalChars[i]} chars (${((100 * j.coveredChars[i]) / j.totalChars[i]).toFixed(2)}%)`).join(', ')}; ${j.groupCount} suffix-array runs`);
  for (const g of j.groups.slice(0, 6)) console.log(`   ${g.count}× ${g.length} chars in ${[...new Set(g.at.map((a) => names[a[0]]))]}: ${JSON.stringify(g.text.slice(0, 70))}`);
}

console.log('\n## Near-duplicate passages (word 5-gram shingles)');
const all = names.flatMap((n) => P[n].map((p) => ({ src: n, text: p.text })));
for (const params of [
  { method: 'minhash', n: 5, r: 5, b: 20, threshold: 0.8, k: 3, seed: 1 },
  { method: 'simhash', n: 5, r: 5, b: 20, threshold: 0.8, k: 3, seed: 1 },
] as const) {
  const r = nearJob(all.map((a) => a.text), params);
  const diff = r.pairs.filter((p) => all[p.i].text !== all[p.j].text);
  const by = (ps: typeof r.pairs) => ps.reduce((o: Record<string, number>, p) => ((o[`${all[p.i].src}-${all[p.j].src}`] = (o[`${all[p.i].src}-${all[p.j].src}`] ?? 0) + 1), o), {});
  console.log(`${params.method}${params.method === 'minhash' ? ` (b=${params.b}, r=${params.r}, Jaccard ≥ ${params.threshold})` : ` (≤ ${params.k} bits)`}: ${r.passages} passages, ${r.proposed} pairs proposed, ${r.pairs.length} accepted (${JSON.stringify(by(r.pairs))}), ${r.clusters} groups, ${r.removable} passages removable; pairs whose texts are not identical: ${diff.length} ${JSON.stringify(by(diff))}`);
  const partial = r.pairs.filter((p) => p.jaccard < 1);
  console.log(`   pairs with Jaccard < 1 (different words, not just case or punctuation): ${partial.length} ${JSON.stringify(by(partial))}`);
  for (const p of partial.slice(0, 12)) console.log(`   J=${p.jaccard.toFixed(3)}${p.hamming !== undefined ? ` (${p.hamming} bits)` : ''} ${JSON.stringify(all[p.i].text.slice(0, 70))} ~ ${JSON.stringify(all[p.j].text.slice(0, 70))}`);
}

console.log('\n## Validation split vs training text (word n-grams, GPT-3 normalization)');
for (const n of [8, 13]) {
  const o = contaminationJob(names.map((k) => train[k]), val, n);
  console.log(`n = ${n}: ${o.matched} of ${o.ngrams} validation n-grams occur in training; spans: ${o.spans.map(([a, b]) => JSON.stringify(val.slice(a, b))).join(', ') || 'none'}`);
}
