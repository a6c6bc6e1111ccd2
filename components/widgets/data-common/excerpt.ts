/**
 * The corpus excerpt the data widgets work on: public/data/corpus-excerpt.json (verbatim windows
 * of training/data/*.txt, made by scripts/make-data-excerpt.ts), cut into passages.
 */
import type { Passage } from '@/lib/data/passages';
import { splitPassages } from '@/lib/data/passages';
import { SITE_BASE } from '@/components/site-base';

export const EXCERPT_URL = '/data/corpus-excerpt.json';

export type SourceFile = 'austen.txt' | 'moby-dick.txt' | 'kjv.txt';
export const SOURCE_NAMES: Record<SourceFile, string> = { 'austen.txt': 'Austen', 'moby-dick.txt': 'Moby-Dick', 'kjv.txt': 'KJV' };

export interface ExcerptWindow {
  file: SourceFile;
  role: 'train' | 'validation';
  label: string;
  split: 'paragraph' | 'line';
  chars: [number, number];
  text: string;
}

export interface ExcerptPassage extends Passage {
  /** Index of its window in Excerpt.windows. */
  window: number;
  file: SourceFile;
}

export interface Excerpt {
  windows: ExcerptWindow[];
  /** Passages of the training windows only (the validation window is kept apart). */
  passages: ExcerptPassage[];
  trainChars: number;
}

let cache: Promise<Excerpt> | null = null;

export function loadExcerpt(base = SITE_BASE): Promise<Excerpt> {
  cache ??= (async () => {
    const res = await fetch(`${base}${EXCERPT_URL.slice(1)}`);
    if (!res.ok) throw new Error(`${EXCERPT_URL} → HTTP ${res.status}`);
    const { windows } = (await res.json()) as { windows: ExcerptWindow[] };
    const passages: ExcerptPassage[] = [];
    windows.forEach((w, i) => {
      if (w.role !== 'train') return;
      for (const p of splitPassages(w.text, w.split)) passages.push({ ...p, window: i, file: w.file });
    });
    const trainChars = windows.filter((w) => w.role === 'train').reduce((a, w) => a + w.text.length, 0);
    return { windows, passages, trainChars };
  })();
  cache.catch(() => (cache = null));
  return cache;
}

/** Test hook: use this excerpt instead of fetching. */
export function setExcerptForTests(e: Excerpt | null): void {
  cache = e ? Promise.resolve(e) : null;
}
