/**
 * Writes text.recorded.txt: the text-task runs the Training lesson quotes (the widget's defaults,
 * task 'text', TypeScript engine). About 20 s of CPU, so it is skipped unless asked for:
 *   TEXT_RECORD=test/lib/train/text.recorded.txt npx vitest run test/lib/train/record-text.test.ts
 * text-numbers.test.ts checks the lesson's quotes against the file and recomputes the cheap part.
 */
import { writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { evalEvery } from '@/components/widgets/train-playground/layout';
import { TEXT_RUNS, textMilestones } from './text-runs';

const OUT = process.env.TEXT_RECORD;

it.runIf(!!OUT)('records the text-task runs', () => {
  const lines = ['# Recorded by lib/train PlaygroundRun (text task) with test/lib/train/record-text.test.ts; evaluated every evalEvery(steps) steps, as the widget does.'];
  for (const r of TEXT_RUNS) lines.push(`RUN ${JSON.stringify({ name: r.name, ...textMilestones(r.spec, evalEvery(r.spec.steps)) })}`);
  writeFileSync(OUT!, lines.join('\n') + '\n');
}, 600_000);
