/**
 * Writes measuring.recorded.txt: the needle grid and the self-consistency run that the Measuring
 * lesson quotes, on lm's shipped weights (ONNX graph, onnxruntime-web WASM in Node). Several
 * minutes, so it is skipped unless asked for:
 *   MEASURING_RECORD=/tmp/measuring.recorded.txt npx vitest run test/lib/eval/record-measuring.test.ts
 * then compare with (or copy over) test/lib/eval/measuring.recorded.txt and update the lesson;
 * lesson-numbers.test.ts checks every quote against the file and recomputes one cell of each.
 */
import { writeFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { CLOZE_SET, needleGrid, selfConsistency } from '@/lib/eval';
import { valWindows } from '@/lib/longctx/val-windows';
import { bpe, onnxForward } from './real';

const OUT = process.env.MEASURING_RECORD;

it.runIf(!!OUT)('records the needle grid and the self-consistency run', async () => {
  const tok = bpe();
  const encode = (s: string) => tok.encode(s);
  const f = await onnxForward('lm');
  const lengths = [128, 256, 512, 1024];
  const seeds = Array.from({ length: 20 }, (_, i) => i + 1);
  const lines = [
    '# Recorded by lib/eval on lm\'s shipped weights (ONNX graph, onnxruntime-web WASM in Node) with test/lib/eval/record-measuring.test.ts.',
    '# NEEDLE: needleGrid, lengths 128/256/512/1024, depths 0/0.25/0.5/0.75/1, seeds 1..20; withNeedle false = the control (depth 1, no needle).',
    '# SC: selfConsistency on each cloze context, k 9, temperature 1, seed 7, maxTokens 4; SCTOTAL vote-right greedy-right agree items.',
  ];
  const control = await needleGrid({ lengths, depths: [1], seeds, withNeedle: false }, valWindows(), encode, f);
  for (const c of control) lines.push(`NEEDLE ${JSON.stringify({ withNeedle: false, ...c })}`);
  const cells = await needleGrid({ lengths, depths: [0, 0.25, 0.5, 0.75, 1], seeds }, valWindows(), encode, f);
  for (const c of cells) lines.push(`NEEDLE ${JSON.stringify({ withNeedle: true, ...c })}`);
  let vote = 0, greedy = 0, agree = 0;
  for (const [i, item] of CLOZE_SET.entries()) {
    const r = await selfConsistency(tok.encode(item.context), 9, f, (ids) => tok.decode(ids), { maxTokens: 4, temperature: 1, seed: 7 });
    const answer = item.options[item.answer];
    if (r.vote.answer === answer) vote++;
    if (r.greedy === answer) greedy++;
    if (r.vote.answer === r.greedy) agree++;
    lines.push(`SC ${i} ${JSON.stringify({ greedy: r.greedy, vote: r.vote.answer, samples: r.samples })}`);
  }
  lines.push(`SCTOTAL ${vote} ${greedy} ${agree} ${CLOZE_SET.length}`);
  writeFileSync(OUT!, `${lines.join('\n')}\n`);
  expect(lines.length).toBe(3 + 24 + 28 + 1);
}, 1_800_000);
