/**
 * Writes playground.recorded.txt: how many steps each task of the training playground needs, on
 * the widget's defaults (lib/train/playground.ts defaultSpec) with only the task, steps and weight
 * decay changed. About two minutes of CPU, so it is skipped unless asked for:
 *   PLAY_RECORD=test/lib/train/playground.recorded.txt npx vitest run test/lib/train/record-playground.test.ts
 * playground-numbers.test.ts checks the lesson's quotes against the file and recomputes the copy run.
 */
import { writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { RECORDED_RUNS, milestones } from './playground-runs';

const OUT = process.env.PLAY_RECORD;

it.runIf(!!OUT)('records the steps each task needs', () => {
  const lines = ['# Recorded by lib/train PlaygroundRun with test/lib/train/record-playground.test.ts; evaluated every evalEvery(steps) steps, as the widget does.'];
  for (const r of RECORDED_RUNS) lines.push(`RUN ${JSON.stringify({ name: r.name, ...milestones(r.spec) })}`);
  writeFileSync(OUT!, lines.join('\n') + '\n');
}, 1_200_000);
