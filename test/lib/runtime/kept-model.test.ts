// The model worker reads a model file the service worker kept (under its sha256) straight from Cache
// Storage; anything else about the store (missing, broken, another hash) means "download and hash".
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { forgetKeptModelFile, keptModelFile, siteRootOf, type CacheStorageLike } from '@/lib/runtime/kept-model';
import { fetchModelWeights } from '@/lib/runtime/transformer';
import { sha256Hex } from '@/lib/model/weights';
import { parseSafetensors } from '@/lib/model/safetensors';
import { MODEL_CACHE, modelCacheKey, siteRootFrom } from '@/lib/offline/sw-core';

const SHA = 'ab'.repeat(32);
const dir = 'models/tiny-random/';
const real = {
  manifest: JSON.parse(readFileSync(dir + 'manifest.json', 'utf8')) as { sha256: string },
  config: readFileSync(dir + 'config.json', 'utf8'),
  weights: new Uint8Array(readFileSync(dir + 'model.safetensors')),
};

/** A Cache Storage holding `entries` (URL → body) in MODEL_CACHE; records what was asked. */
function storage(entries: Record<string, Uint8Array | Response>, opts: { broken?: boolean; log?: string[] } = {}) {
  const asked = { opened: [] as string[], matched: [] as string[], deleted: [] as string[] };
  const caches: CacheStorageLike = {
    has: async (name) => {
      if (opts.broken) throw new DOMException('storage is gone', 'UnknownError');
      return name === MODEL_CACHE;
    },
    open: async (name) => {
      asked.opened.push(name);
      return {
        match: async (url: string) => {
          asked.matched.push(url);
          const e = entries[url];
          return e instanceof Response ? e : e ? new Response(e.slice() as unknown as BodyInit) : undefined;
        },
        delete: async (url: string) => {
          asked.deleted.push(url);
          opts.log?.push(`delete ${url}`);
          const had = url in entries;
          delete entries[url];
          return had;
        },
      };
    },
  };
  return { caches, asked };
}

describe('siteRootOf', () => {
  it("gives the origin plus base path that the service worker keys models under, for a site's models/ folder", () => {
    expect(siteRootOf('/models/', 'https://lab.example/lessons/decoding/')).toBe('https://lab.example');
    expect(siteRootOf('/repo/models/', 'https://x.io/repo/embed/w/')).toBe('https://x.io/repo');
    expect(siteRootOf('https://x.io/repo/models/', undefined)).toBeNull();
  });

  it("agrees with the service worker's root, taken from its script's URL, at the top and under a base path", () => {
    for (const [sw, base, page] of [['https://lab.example/sw.js', '/models/', 'https://lab.example/embed/w/'], ['https://x.io/my%20repo/sw.js', '/my%20repo/models/', 'https://x.io/my%20repo/lessons/a/']]) {
      expect(siteRootOf(base, page)).toBe(siteRootFrom(sw));
      expect(modelCacheKey(siteRootFrom(sw), SHA)).toBe(`${siteRootOf(base, page)}/__llm-lab-model__/${SHA}`);
    }
  });

  it('gives null for anything else', () => {
    expect(siteRootOf('/m/', 'https://lab.example/')).toBeNull();
    expect(siteRootOf('/models/', 'blob:https://lab.example/1234')).toBeNull();
    expect(siteRootOf('/models/', undefined)).toBeNull();
  });
});

describe('keptModelFile', () => {
  it('reads the bytes kept under the sha256, case-insensitively', async () => {
    const { caches, asked } = storage({ [`https://x.io/repo/__llm-lab-model__/${SHA}`]: new Uint8Array([1, 2, 3]) });
    expect([...((await keptModelFile(caches, 'https://x.io/repo', SHA.toUpperCase())) ?? [])]).toEqual([1, 2, 3]);
    expect(asked.matched).toEqual([`https://x.io/repo/__llm-lab-model__/${SHA}`]);
  });

  it('gives null when nothing is kept under that hash, the entry is an error, or the store fails', async () => {
    const other = 'cd'.repeat(32);
    expect(await keptModelFile(storage({ [`https://x.io/__llm-lab-model__/${other}`]: new Uint8Array([1]) }).caches, 'https://x.io', SHA)).toBeNull();
    expect(await keptModelFile(storage({ [`https://x.io/__llm-lab-model__/${SHA}`]: new Response('no', { status: 500 }) }).caches, 'https://x.io', SHA)).toBeNull();
    expect(await keptModelFile(storage({}, { broken: true }).caches, 'https://x.io', SHA)).toBeNull();
    expect(await keptModelFile(undefined, 'https://x.io', SHA)).toBeNull();
    expect(await keptModelFile(storage({}).caches, null, SHA)).toBeNull();
  });

  it('never looks up a value that is not a sha256 (or no value), and never creates the cache', async () => {
    const s = storage({});
    expect(await keptModelFile(s.caches, 'https://x.io', '../../etc')).toBeNull();
    expect(await keptModelFile(s.caches, 'https://x.io', undefined)).toBeNull();
    expect(s.asked.opened).toEqual([]);
    const none: CacheStorageLike = { has: async () => false, open: async () => Promise.reject(new Error('must not open')) };
    expect(await keptModelFile(none, 'https://x.io', SHA)).toBeNull();
  });
});

describe('forgetKeptModelFile', () => {
  it('deletes only the entry under that hash, and says whether there was one', async () => {
    const other = `https://x.io/__llm-lab-model__/${'cd'.repeat(32)}`;
    const { caches, asked } = storage({ [`https://x.io/__llm-lab-model__/${SHA}`]: new Uint8Array([1]), [other]: new Uint8Array([2]) });
    expect(await forgetKeptModelFile(caches, 'https://x.io', SHA.toUpperCase())).toBe(true);
    expect(await forgetKeptModelFile(caches, 'https://x.io', SHA)).toBe(false);
    expect(asked.deleted).toEqual([`https://x.io/__llm-lab-model__/${SHA}`, `https://x.io/__llm-lab-model__/${SHA}`]);
    expect(await keptModelFile(caches, 'https://x.io', 'cd'.repeat(32))).not.toBeNull();
  });

  it('never throws and never deletes for a value that is not a sha256, a broken store or no cache', async () => {
    const s = storage({});
    expect(await forgetKeptModelFile(s.caches, 'https://x.io', '../../etc')).toBe(false);
    expect(await forgetKeptModelFile(storage({}, { broken: true }).caches, 'https://x.io', SHA)).toBe(false);
    expect(await forgetKeptModelFile(undefined, 'https://x.io', SHA)).toBe(false);
    const none: CacheStorageLike = { has: async () => false, open: async () => Promise.reject(new Error('must not open')) };
    expect(await forgetKeptModelFile(none, 'https://x.io', SHA)).toBe(false);
    expect(s.asked.deleted).toEqual([]);
  });
});

describe('fetchModelWeights with a kept copy', () => {
  afterEach(() => vi.unstubAllGlobals());

  /** Serves /models/tiny-random/* (weights: `weights`) and records the URLs fetched. */
  function serve(weights: Uint8Array, config = real.config) {
    const fetched: string[] = [];
    vi.stubGlobal('location', { href: 'https://lab.example/lessons/x/' });
    vi.stubGlobal('fetch', async (url: string) => {
      fetched.push(url);
      if (url === '/models/manifest.json') return new Response('not found', { status: 404 });
      if (url.endsWith('/manifest.json')) return new Response(JSON.stringify(real.manifest));
      if (url.endsWith('/config.json')) return new Response(config);
      if (url.endsWith('/model.safetensors')) return new Response(weights.slice() as unknown as BodyInit);
      return new Response('not found', { status: 404 });
    });
    return fetched;
  }

  it("loads the kept bytes without downloading the weights, reporting the download as complete", async () => {
    expect(await sha256Hex(real.weights)).toBe(real.manifest.sha256); // the key is the file's real hash
    const fetched = serve(new Uint8Array(0)); // a download would fail: an empty file
    vi.stubGlobal('caches', storage({ [`https://lab.example/__llm-lab-model__/${real.manifest.sha256}`]: real.weights }).caches);
    const progress: unknown[] = [];
    const { weights } = await fetchModelWeights('tiny-random', '/models/', (p) => progress.push(p));
    expect([...weights.keys()].sort()).toEqual([...parseSafetensors(real.weights).tensors.keys()].sort());
    expect(fetched.some((u) => u.endsWith('model.safetensors'))).toBe(false);
    expect(progress).toContainEqual({ phase: 'download', loaded: real.weights.length, total: real.weights.length, file: 'model.safetensors' });
  });

  it('still hashes what it read: a damaged kept copy is refused, forgotten, and the file downloaded', async () => {
    const key = `https://lab.example/__llm-lab-model__/${real.manifest.sha256}`;
    const damaged = real.weights.slice();
    damaged[damaged.length - 1] ^= 1;
    const log = serve(real.weights);
    const { caches, asked } = storage({ [key]: damaged }, { log });
    vi.stubGlobal('caches', caches);
    const { weights } = await fetchModelWeights('tiny-random', '/models/', () => {});
    expect([...weights.keys()].sort()).toEqual([...parseSafetensors(real.weights).tensors.keys()].sort());
    expect(asked.deleted).toEqual([key]);
    // forgotten BEFORE the download: else the service worker would answer it with the damaged copy
    expect(log.indexOf(`delete ${key}`)).toBeGreaterThan(-1);
    expect(log.indexOf(`delete ${key}`)).toBeLessThan(log.indexOf('/models/tiny-random/model.safetensors'));
  });

  it('refuses a damaged kept copy followed by a corrupt download with the sha256 message, after one download', async () => {
    const key = `https://lab.example/__llm-lab-model__/${real.manifest.sha256}`;
    const damaged = real.weights.slice();
    damaged[damaged.length - 1] ^= 1;
    const fetched = serve(damaged);
    const { caches, asked } = storage({ [key]: damaged });
    vi.stubGlobal('caches', caches);
    await expect(fetchModelWeights('tiny-random', '/models/', () => {})).rejects.toThrow(/sha256 mismatch/);
    expect(asked.deleted).toEqual([key]);
    expect(fetched.filter((u) => u.endsWith('/model.safetensors'))).toEqual(['/models/tiny-random/model.safetensors']);
  });

  it('does not forget or download again when the kept copy hashes right but fails another check', async () => {
    const key = `https://lab.example/__llm-lab-model__/${real.manifest.sha256}`;
    const fetched = serve(new Uint8Array(0), JSON.stringify({ ...JSON.parse(real.config), dFF: 96 })); // a config the weights do not fit
    const { caches, asked } = storage({ [key]: real.weights });
    vi.stubGlobal('caches', caches);
    const err = await fetchModelWeights('tiny-random', '/models/', () => {}).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).not.toMatch(/sha256/);
    expect((err as Error).message).toMatch(/the config needs \[96,64\]/);
    expect(asked.deleted).toEqual([]);
    expect(fetched.some((u) => u.endsWith('/model.safetensors'))).toBe(false);
  });

  it('downloads and hashes when only another version is kept: a corrupt download is still refused', async () => {
    const corrupt = real.weights.slice();
    corrupt[corrupt.length - 1] ^= 1;
    const fetched = serve(corrupt);
    vi.stubGlobal('caches', storage({ [`https://lab.example/__llm-lab-model__/${'0'.repeat(64)}`]: real.weights }).caches);
    await expect(fetchModelWeights('tiny-random', '/models/', () => {})).rejects.toThrow(/sha256 mismatch/);
    expect(fetched).toContain('/models/tiny-random/model.safetensors');
  });
});
