// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { manifestTokenizers, normalizeManifest, readManifest } from '@/components/models/manifest';
import { ModelCards } from '@/components/models/ModelCards';

afterEach(cleanup);

function tmpModels(files: Record<string, unknown>): string {
  const root = mkdtempSync(join(tmpdir(), 'm-'));
  mkdirSync(join(root, 'models'));
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(join(root, 'models', rel, '..'), { recursive: true });
    writeFileSync(join(root, 'models', rel), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return root;
}

describe('readManifest', () => {
  it('returns no entries when there is no models folder or no manifest', () => {
    expect(readManifest(mkdtempSync(join(tmpdir(), 'm-')))).toEqual({ entries: [], tokenizers: [] });
    expect(readManifest(tmpModels({ 'x/readme.txt': 'hi' }))).toEqual({ entries: [], tokenizers: [] });
  });

  it('reports a broken manifest instead of throwing', () => {
    expect(readManifest(tmpModels({ 'manifest.json': '{oops' })).error).toMatch(/models\/manifest.json could not be read/);
  });

  it('reads models/manifest.json and models/<id>/manifest.json, the top one winning on the same id', () => {
    const root = tmpModels({
      'manifest.json': { format: 1, tokenizers: { bpe: { bytes: 3 } }, models: { lm: { id: 'lm', params: 10 } } },
      'lm/manifest.json': { id: 'lm', params: 999 },
      'tiny/manifest.json': { id: 'tiny', params: 1 },
    });
    expect(readManifest(root)).toEqual({
      entries: [
        { id: 'lm', params: 10 },
        { id: 'tiny', params: 1 },
      ],
      tokenizers: [{ id: 'bpe', bytes: 3 }],
    });
  });
});

describe('normalizeManifest', () => {
  it('accepts a list, {models: list}, {models: map} or a single entry', () => {
    expect(normalizeManifest([{ id: 'a' }])).toEqual([{ id: 'a' }]);
    expect(normalizeManifest({ models: [{ id: 'b' }] })).toEqual([{ id: 'b' }]);
    expect(normalizeManifest({ models: { c: { params: 1 } } })).toEqual([{ id: 'c', params: 1 }]);
    expect(normalizeManifest({ id: 'd' })).toEqual([{ id: 'd' }]);
    expect(normalizeManifest(3)).toEqual([]);
    expect(manifestTokenizers({ tokenizers: { t: { kind: 'bpe' } } })).toEqual([{ id: 't', kind: 'bpe' }]);
  });
});

describe('<ModelCards />', () => {
  it('shows a friendly "no models yet" state when empty', () => {
    render(<ModelCards entries={[]} />);
    expect(screen.getByTestId('no-models')).toHaveTextContent('No models yet');
  });

  it('shows a broken manifest as an error message, not a crash', () => {
    render(<ModelCards entries={[]} error="models/manifest.json could not be read" />);
    expect(screen.getByText(/could not be read/)).toBeInTheDocument();
  });

  it('shows one card per model and tokenizer, with the commands that made it', () => {
    render(
      <ModelCards
        entries={[{ id: 'tiny-gpt', role: 'demo', params: 1234567, bytes: 2048, commands: ['python3 train.py --seed 1'] }]}
        tokenizers={[{ id: 'bpe', kind: 'byte-level BPE' }]}
      />,
    );
    expect(screen.getByRole('heading', { name: 'tiny-gpt' })).toBeInTheDocument();
    expect(screen.getByText('1,234,567')).toBeInTheDocument();
    expect(screen.getByText('2.0 KB (2,048 bytes)')).toBeInTheDocument();
    expect(screen.getByText('python3 train.py --seed 1')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'bpe' })).toBeInTheDocument();
    expect(screen.getByText('byte-level BPE')).toBeInTheDocument();
  });
});
