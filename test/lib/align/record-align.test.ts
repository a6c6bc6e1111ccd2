/**
 * Writes align.recorded.json: the Alignment lesson's runs (align-runs.ts RECORDED_RUNS) on the
 * widget's defaults. About ten seconds of CPU per run, so it is skipped unless asked for:
 *   ALIGN_RECORD=1 npx vitest run test/lib/align/record-align.test.ts
 * align-numbers.test.ts checks the lesson's quotes against the file and recomputes the first steps.
 */
import { writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { RECORD_FILE, RECORDED_RUNS, alignJob, finalTopTokens, runJob, summarize, type RecordedRun } from './align-runs';

it.runIf(!!process.env.ALIGN_RECORD)('records the Alignment lesson runs', async () => {
  const out: RecordedRun[] = [];
  for (const r of RECORDED_RUNS) out.push(summarize(r.name, await runJob(alignJob(r.job))));
  const top = await finalTopTokens(alignJob(), 5); // the default run's trained model, after the first prompt
  writeFileSync(RECORD_FILE, JSON.stringify({ note: 'Recorded by test/lib/align/record-align.test.ts with lib/align runAlignJob on the pref-train defaults.', runs: out, defaultFinalTop: top }, null, 1) + '\n');
}, 600_000);
