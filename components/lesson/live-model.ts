/**
 * What the model-backed widgets (generate, next-token) and the About page's live samples need:
 * a model client (lib/runtime's worker, started on first use) and the tokenizer. Both load
 * lazily — nothing here runs at import time — and are shared by every panel of the page, so the
 * page starts one worker and downloads each model once.
 * Tests pass their own Deps (a fake client, a byte tokenizer).
 */
import type { ModelClient } from '@/lib/runtime/client';
import { SITE_BASE } from '@/components/site-base';
import { reportToServiceWorker } from '@/components/ui/cache-report';

export interface TokenizerLike {
  encode(text: string): number[];
  decode(ids: readonly number[]): string;
  /** Display text of one id. */
  tokenText(id: number): string;
}

export interface Deps {
  client(): Promise<ModelClient>;
  tokenizer(): Promise<TokenizerLike>;
}

/** The model of the home page panel (models/manifest.json). */
export const MODEL_ID = 'lm';
/** Every shipped model uses this tokenizer (models/manifest.json → tokenizers). */
export const TOKENIZER_FILE = 'models/tokenizer/austen-bpe-4096.json';

let client: Promise<ModelClient> | null = null;
let tokenizer: Promise<TokenizerLike> | null = null;

/** One model worker per page, started on the first call (the client code loads only then). */
export function sharedClient(base = SITE_BASE): Promise<ModelClient> {
  client ??= Promise.all([import('@/lib/runtime/client'), import('@/components/ui/backend-status')]).then(([m, status]) =>
    m.createModelClient({ base, onFallback: (note) => status.setBackendStatus({ backend: 'wasm', reason: note, note }), onResources: reportToServiceWorker }));
  client.catch(() => (client = null));
  return client;
}

export function sharedTokenizer(base = SITE_BASE): Promise<TokenizerLike> {
  tokenizer ??= (async () => {
    const [{ loadBpe }, res] = await Promise.all([import('@/lib/tokenizer/serialize'), fetch(`${base}${TOKENIZER_FILE}`)]);
    if (!res.ok) throw new Error(`tokenizer: ${base}${TOKENIZER_FILE} → HTTP ${res.status}`);
    return loadBpe(await res.json());
  })();
  tokenizer.catch(() => (tokenizer = null));
  return tokenizer;
}

export const defaultDeps: Deps = { client: () => sharedClient(), tokenizer: () => sharedTokenizer() };

/** A readable sentence for a failure (sha256, missing files, worker crash), keeping the detail. */
export function friendlyError(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  if (/sha256 mismatch/i.test(msg)) { // lib/model/weights.ts isSha256Mismatch, without its imports in the page bundle
    return `The model file did not pass its integrity check (sha256 mismatch), so it was not used. It may be a corrupt download or a stale cache: reload the page to try again. Detail: ${msg}`;
  }
  if (/download stalled:/.test(msg)) return `The model download stopped arriving (a connection that is up but sends nothing), so the model was not loaded. Try again: the download starts over. Detail: ${msg}`;
  if (/HTTP 404/.test(msg)) return `The model files were not found on this server. Detail: ${msg}`;
  if (/worker crashed: it did not start/i.test(msg)) return `The model worker could not start: its script did not load (offline on a page not stored yet, or the site was updated). Reload the page to try again. Detail: ${msg}`;
  if (/worker crashed/i.test(msg)) return `The model worker stopped unexpectedly. Reload the page to try again. Detail: ${msg}`;
  return msg;
}
