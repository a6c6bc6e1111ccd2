/**
 * The widget's outside world: the model worker client and the Austen BPE tokenizer, both loaded
 * on first use (dynamic imports) and shared by every copy of the widget on a page.
 * Tests pass their own Deps (a fake client, a byte tokenizer).
 */
import type { ModelClient } from '@/lib/runtime/client';

export interface TokenizerLike {
  encode(text: string): number[];
  decode(ids: readonly number[]): string;
  tokenText(id: number): string;
}

export interface Deps {
  client(): Promise<ModelClient>;
  tokenizer(): Promise<TokenizerLike>;
}

export const MODEL_ID = 'lm';
const TOKENIZER_FILE = 'models/tokenizer/austen-bpe-4096.json';

let client: Promise<ModelClient> | null = null;
let tokenizer: Promise<TokenizerLike> | null = null;

function sharedClient(): Promise<ModelClient> {
  client ??= import('@/lib/runtime/client').then((m) => m.createModelClient({ base: '/' }));
  client.catch(() => (client = null));
  return client;
}

function sharedTokenizer(): Promise<TokenizerLike> {
  tokenizer ??= (async () => {
    const [{ loadBpe }, res] = await Promise.all([import('@/lib/tokenizer/serialize'), fetch(`/${TOKENIZER_FILE}`)]);
    if (!res.ok) throw new Error(`tokenizer: /${TOKENIZER_FILE} → HTTP ${res.status}`);
    return loadBpe(await res.json());
  })();
  tokenizer.catch(() => (tokenizer = null));
  return tokenizer;
}

export const defaultDeps: Deps = { client: sharedClient, tokenizer: sharedTokenizer };

/** A token's text made visible: spaces → ␣, newlines → ⏎, tabs → ⇥. */
export function showToken(s: string): string {
  return s.replace(/ /g, '␣').replace(/\n/g, '⏎').replace(/\t/g, '⇥');
}
