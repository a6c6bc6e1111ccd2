// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import TrainingCurves from '@/components/models/TrainingCurves';
import { trainingLogIds } from '@/components/models/manifest';

afterEach(cleanup);

const log = { trainLoss: [[100, 4.5], [200, 3.8]], valLoss: [[0, 8.3], [100, 4.6], [200, 4.1]], lr: [[0, 1e-3]] };

describe('TrainingCurves', () => {
  it('draws both curves as one labelled image, with the best validation loss in its name', async () => {
    render(<TrainingCurves id="lm" load={async () => log} />);
    const img = await screen.findByRole('img');
    expect(img.getAttribute('aria-label')).toBe(
      'Training curves of lm: training and validation loss over 200 steps; best validation loss 4.100 at step 200; final training loss 3.800.',
    );
    expect(img.querySelectorAll('path.curves-train, path.curves-val')).toHaveLength(2);
    expect(img.querySelector('.curves-best text')?.textContent).toBe('best 4.100 @ 200');
  });

  it('lists every step in a data table, with a dash where a series has no value', async () => {
    render(<TrainingCurves id="lm" load={async () => log} />);
    const rows = (await screen.findAllByRole('row', { hidden: true })).slice(1).map((r) => r.textContent);
    expect(rows).toEqual(['0–8.300', '1004.5004.600', '2003.8004.100']);
  });

  it('says so when the log cannot be read', async () => {
    render(<TrainingCurves id="lm" load={() => Promise.reject(new Error('404'))} />);
    expect(await screen.findByText(/training log of lm could not be read/)).toBeTruthy();
  });
});

describe('trainingLogIds', () => {
  it('keeps only the models that have models/<id>/training-log.json', () => {
    const root = mkdtempSync(join(tmpdir(), 'm-'));
    mkdirSync(join(root, 'models', 'lm'), { recursive: true });
    writeFileSync(join(root, 'models', 'lm', 'training-log.json'), '{}');
    expect([...trainingLogIds([{ id: 'lm' }, { id: 'tiny' }, {}], root)]).toEqual(['lm']);
  });
});
