import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { familyManifest, fromFamilyManifest } from '@/lib/runtime/family-manifest';
import { DOWNLOAD_STALL_MS, DownloadStalled } from '@/lib/runtime/fetch';

const family = JSON.parse(readFileSync('models/manifest.json', 'utf8'));

describe('fromFamilyManifest', () => {
  it('turns models/manifest.json’s lm entry into file names relative to models/lm/', () => {
    const m = fromFamilyManifest('lm', family)!;
    expect(m).toMatchObject({ id: 'lm', weights: 'model.safetensors', config: 'config.json', sha256: family.models.lm.sha256 });
    expect(m.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not strip the folder of a model whose id is a prefix of another', () => {
    const fam = { models: { lm: { files: { weights: 'models/lm-draft/model.safetensors', config: 'models/lm/config.json' }, sha256: 'ab' } } };
    expect(fromFamilyManifest('lm', fam)!.weights).toBe('models/lm-draft/model.safetensors');
  });

  it('returns null for a model it does not list or an entry without files or sha256', () => {
    expect(fromFamilyManifest('tiny-random', family)).toBeNull();
    expect(fromFamilyManifest('x', { models: { x: { files: { weights: 'w' } } } })).toBeNull();
    expect(fromFamilyManifest('x', null)).toBeNull();
  });
});

describe('familyManifest', () => {
  afterEach(() => vi.unstubAllGlobals());
  it('is null when the family manifest cannot be fetched', async () => {
    vi.stubGlobal('fetch', async () => new Response('nope', { status: 404 }));
    expect(await familyManifest('lm', '/models/')).toBeNull();
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('offline');
    });
    expect(await familyManifest('lm', '/models/')).toBeNull();
  });

  it('passes a stalled download on (the connection failed, not the manifest), aborting the request', async () => {
    vi.useFakeTimers();
    try {
      let aborted = false;
      vi.stubGlobal('fetch', (_u: string, init?: { signal?: AbortSignal }) => new Promise<Response>(() => init?.signal?.addEventListener('abort', () => (aborted = true))));
      const pending = familyManifest('lm', '/models/').catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(DOWNLOAD_STALL_MS);
      const err = await pending;
      expect(err).toBeInstanceOf(DownloadStalled);
      expect((err as Error).message).toBe('download stalled: manifest.json got no answer for 30 s. Check the connection and try again.');
      expect(aborted).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
