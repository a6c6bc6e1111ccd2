/**
 * Adapter from the widget's tokenizer choice to a lib/tokenizer Tokenizer. The big vocabularies
 * (GPT-2 ≈0.5 MB, cl100k ≈1 MB of rank data) load with a dynamic import only when chosen; our
 * Austen BPE-4096 is fetched from /models/tokenizer/ at runtime. Each loads once per page.
 */
import type { Tokenizer } from '@/lib/tokenizer';
import type { TokenizerKind } from './index';
import { SITE_BASE } from '@/components/site-base';

export const TOKENIZER_LABELS: Record<TokenizerKind, string> = {
  gpt2: 'GPT-2 (r50k, 50,257 tokens)',
  cl100k: 'GPT-4 (cl100k, 100,277 tokens)',
  austen: 'Our BPE-4096 (trained on Austen)',
  byte: 'Bytes (256 tokens)',
  char: 'Code points (vocabulary = this text)',
};

/** What the loading message says while a vocabulary downloads. */
export const LOADING_LABELS: Partial<Record<TokenizerKind, string>> = {
  gpt2: 'Loading the GPT-2 vocabulary (about 0.5 MB)…',
  cl100k: 'Loading the cl100k vocabulary (about 1 MB)…',
  austen: 'Loading our Austen BPE-4096 (40 KB)…',
};

export const AUSTEN_FILE = 'models/tokenizer/austen-bpe-4096.json';

const cache = new Map<TokenizerKind, Promise<Tokenizer>>();

async function build(kind: Exclude<TokenizerKind, 'char'>, base: string): Promise<Tokenizer> {
  const lib = await import('@/lib/tokenizer');
  switch (kind) {
    case 'gpt2':
      return lib.loadGpt2();
    case 'cl100k':
      return lib.loadCl100k();
    case 'byte':
      return new lib.ByteTokenizer();
    case 'austen': {
      const res = await fetch(`${base}${AUSTEN_FILE}`);
      if (!res.ok) throw new Error(`${base}${AUSTEN_FILE} → HTTP ${res.status}`);
      return lib.loadBpe(await res.json());
    }
  }
}

/**
 * A tokenizer of a fixed vocabulary, loaded once. 'char' has no fixed vocabulary (it is built
 * from the text itself): use charTokenizer(text) for it.
 */
export function loadTokenizer(kind: Exclude<TokenizerKind, 'char'>, base = SITE_BASE): Promise<Tokenizer> {
  let p = cache.get(kind);
  if (!p) {
    p = build(kind, base);
    cache.set(kind, p);
    p.catch(() => cache.delete(kind));
  }
  return p;
}

/** A character tokenizer whose vocabulary is the distinct characters of `text`. */
export async function charTokenizer(text: string): Promise<Tokenizer> {
  const { CharTokenizer } = await import('@/lib/tokenizer');
  return CharTokenizer.fromText(text, 'Characters');
}
