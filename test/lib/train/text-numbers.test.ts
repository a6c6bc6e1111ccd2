/**
 * The Training lesson's text-task numbers: every quote matches text.recorded.txt (written by
 * record-text.test.ts from lib/train PlaygroundRun), and the cheap part is recomputed here: the
 * unigram entropies and the first step whose batch loss is below it (Austen, 14 steps).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PlaygroundRun } from '@/lib/train/playground';
import { PASSAGES } from '@/lib/train/passages';
import { SAMPLE_PROMPT, TEXT_HELD, TEXT_WINDOW, unigramEntropy } from '@/lib/train/text-task';
import { TEXT_RUNS, type TextMilestones } from './text-runs';

const mdx = readFileSync('content/lessons/training.mdx', 'utf8');
const rec = new Map<string, TextMilestones>(
  readFileSync('test/lib/train/text.recorded.txt', 'utf8').split('\n').filter((l) => l.startsWith('RUN ')).map((l) => {
    const { name, ...m } = JSON.parse(l.slice(4)) as TextMilestones & { name: string };
    return [name, m];
  }),
);
const r = (n: string): TextMilestones => rec.get(n)!;

describe('the text task as the lesson tells it', () => {
  it('quotes the window, the split and the prompt', () => {
    expect(mdx).toContain(`a window of ${TEXT_WINDOW + 1} characters from the first ${100 - 100 * TEXT_HELD}% of the text`);
    expect(mdx).toContain(`predict each of the last ${TEXT_WINDOW} from the ones before it. The last ${100 * TEXT_HELD}% is held out`);
    expect(mdx).toContain(`continues the text's first ${SAMPLE_PROMPT} characters`);
    expect(mdx).toContain(`About ${Math.round(Math.floor(Array.from(PASSAGES.austen.text).length * (1 - TEXT_HELD)) / 100) * 100} characters of training text are too few`);
  });

  it('quotes the Austen run as recorded', () => {
    const a = r('text-austen');
    expect(mdx).toContain(`On the Austen passage $H$ is ${a.unigram.toFixed(3)} nats per character, and with the defaults the training\nbatch loss is below it from step ${a.trainBelow}.`);
    expect(mdx).toContain(`step ${a.heldMinStep} (${a.heldMin.toFixed(3)}), then climbs to ${a.heldEnd.toFixed(3)} by step ${a.steps}, while the training batch loss falls to ${a.trainEnd.toFixed(3)}.`);
    expect(mdx).toContain('`' + a.sampleEnd + '`');
    expect(a.heldEnd).toBeGreaterThan(a.heldMin);
  });

  it('quotes the Genesis run as recorded (the challenge)', () => {
    const k = r('text-kjv');
    expect(mdx).toContain(`The held-out loss is lowest at step ${k.heldMinStep} (${k.heldMin.toFixed(3)}, against a unigram entropy of ${k.unigram}) and ends at\n${k.heldEnd}; the training batch loss keeps falling, to ${k.trainEnd} at step ${k.steps}.`);
    expect(mdx).toContain('`' + k.sampleEnd + '`');
    expect(mdx).toContain(`continues "${PASSAGES.kjv.text.slice(0, SAMPLE_PROMPT)}" with`);
  });
});

describe('recomputed now', () => {
  it('the unigram entropies, and the Austen batch loss first below it at the recorded step', () => {
    const [austen, kjv] = TEXT_RUNS.map((t) => new PlaygroundRun(t.spec));
    expect(Number(unigramEntropy(austen.text!.ids).toFixed(3))).toBe(r('text-austen').unigram);
    expect(Number(unigramEntropy(kjv.text!.ids).toFixed(3))).toBe(r('text-kjv').unigram);
    const H = unigramEntropy(austen.text!.ids);
    let below: number | null = null;
    while (below === null && austen.step < 30) {
      const rep = austen.trainStep();
      if (rep.loss < H) below = rep.step;
    }
    expect(below).toBe(r('text-austen').trainBelow);
  });
});
