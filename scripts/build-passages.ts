/**
 * Writes lib/retrieval/passages.json: the retrieval lesson's passages, cut by lib/retrieval/corpus.ts
 * from training/data/austen.txt (validation slice) and training/data/moby-dick.txt.
 *   npx tsx scripts/build-passages.ts
 * test/lib/retrieval/prompt-corpus.test.ts rebuilds it and checks the shipped file is identical.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { buildPassages, lessonSpecs } from '../lib/retrieval/corpus';

const austen = readFileSync('training/data/austen.txt', 'utf8');
const moby = readFileSync('training/data/moby-dick.txt', 'utf8');
const passages = buildPassages(lessonSpecs(austen, moby));
writeFileSync('lib/retrieval/passages.json', JSON.stringify(passages, null, 0).replace(/\},\{/g, '},\n{') + '\n');
console.log(`${passages.length} passages, ${Buffer.byteLength(JSON.stringify(passages))} bytes`);
