import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bestPoint, describeCurves, parseTrainingLog } from '@/components/models/training-log';

describe('parseTrainingLog', () => {
  it('reads [step, loss] pairs, sorted by step, and drops malformed ones', () => {
    const c = parseTrainingLog({ trainLoss: [[200, 3.9], [100, 4.2], ['x', 1], [300]], valLoss: [[0, 8.3]] });
    expect(c).toEqual({ train: [{ step: 100, loss: 4.2 }, { step: 200, loss: 3.9 }], val: [{ step: 0, loss: 8.3 }], best: { step: 0, loss: 8.3 } });
  });

  it('returns null for something that is not a training log', () => {
    expect(parseTrainingLog(null)).toBeNull();
    expect(parseTrainingLog({ lr: [[0, 1e-3]] })).toBeNull();
  });

  it('finds the best validation step of the shipped lm where its trainer recorded it', () => {
    const log = JSON.parse(readFileSync('models/lm/training-log.json', 'utf8'));
    const c = parseTrainingLog(log)!;
    expect(c.best).toEqual({ step: log.bestStep, loss: log.bestValLossBf16 });
  });
});

describe('bestPoint', () => {
  it('keeps the earliest step on a tie', () => {
    expect(bestPoint([{ step: 1, loss: 3 }, { step: 2, loss: 2 }, { step: 3, loss: 2 }])).toEqual({ step: 2, loss: 2 });
  });
});

describe('describeCurves', () => {
  it('names the model, the number of steps and the best validation loss', () => {
    const c = parseTrainingLog({ trainLoss: [[100, 4], [200, 3.5]], valLoss: [[0, 8], [200, 3.75]] })!;
    expect(describeCurves('lm', c)).toBe('Training curves of lm: training and validation loss over 200 steps; best validation loss 3.750 at step 200; final training loss 3.500.');
  });
});
