// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { normalizeManifest, readManifest } from '@/components/models/manifest';
import { ModelCards } from '@/components/models/ModelCards';

afterEach(cleanup);

describe('readManifest', () => {
  it('returns no entries when models/manifest.json does not exist', () => {
    expect(readManifest(mkdtempSync(join(tmpdir(), 'm-')))).toEqual({ entries: [] });
  });

  it('reads a manifest and reports a broken one instead of throwing', () => {
    const root = mkdtempSync(join(tmpdir(), 'm-'));
    mkdirSync(join(root, 'models'));
    writeFileSync(join(root, 'models', 'manifest.json'), '[{"id":"tiny","params":1000}]');
    expect(readManifest(root).entries).toEqual([{ id: 'tiny', params: 1000 }]);
    writeFileSync(join(root, 'models', 'manifest.json'), '{oops');
    expect(readManifest(root).error).toMatch(/models\/manifest.json could not be read/);
  });

  it('also reads one models/<id>/manifest.json per model, in name order', () => {
    const root = mkdtempSync(join(tmpdir(), 'm-'));
    for (const id of ['zeta', 'alpha']) {
      mkdirSync(join(root, 'models', id), { recursive: true });
      writeFileSync(join(root, 'models', id, 'manifest.json'), JSON.stringify({ id, bytes: 1 }));
    }
    mkdirSync(join(root, 'models', 'tokenizer'));
    expect(readManifest(root)).toEqual({ entries: [{ id: 'alpha', bytes: 1 }, { id: 'zeta', bytes: 1 }] });
  });

  it('accepts a list, {models: [...]} or a single entry', () => {
    expect(normalizeManifest([{ id: 'a' }])).toEqual([{ id: 'a' }]);
    expect(normalizeManifest({ models: [{ id: 'b' }] })).toEqual([{ id: 'b' }]);
    expect(normalizeManifest({ id: 'c' })).toEqual([{ id: 'c' }]);
    expect(normalizeManifest(3)).toEqual([]);
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

  it('shows one card per model with its fields', () => {
    render(<ModelCards entries={[{ id: 'tiny-gpt', params: 1234567, bytes: 2048 }]} />);
    expect(screen.getByRole('heading', { name: 'tiny-gpt' })).toBeInTheDocument();
    expect(screen.getByText('1,234,567')).toBeInTheDocument();
    expect(screen.getByText('2.0 KB (2,048 bytes)')).toBeInTheDocument();
  });
});
