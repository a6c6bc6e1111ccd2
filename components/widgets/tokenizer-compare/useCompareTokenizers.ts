'use client';
/** Every tokenizer of the comparison, as they become ready (trained in the page or loaded). */
import { useEffect, useState } from 'react';
import type { Tokenizer } from '@/lib/tokenizer';
import { loadTokenizer } from '../token-viewer/tokenizers';
import type { CompareKind } from './index';
import { trainedSet } from './trained';

export type Ready = Partial<Record<CompareKind, Tokenizer>>;

export function useCompareTokenizers(vocab: number, big: boolean): { ready: Ready; training: boolean; loadingBig: boolean; error: string | null } {
  const [trained, setTrained] = useState<{ vocab: number; set: Ready } | null>(null);
  const [fixed, setFixed] = useState<Ready>({});
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    // let the "Training…" message paint first (where there is no Worker, training blocks for a moment)
    const t = setTimeout(() => {
      trainedSet(vocab).then(
        (s) => live && setTrained({ vocab, set: { bpe: s.bpe, wordpiece: s.wordpiece, unigram: s.unigram } }),
        (e: unknown) => live && setError(String(e)),
      );
    }, 30);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [vocab]);
  useEffect(() => {
    let live = true;
    const kinds = big ? (['byte', 'gpt2', 'cl100k'] as const) : (['byte'] as const);
    for (const k of kinds) {
      loadTokenizer(k).then(
        (tok) => live && setFixed((f) => ({ ...f, [k]: tok })),
        (e: unknown) => live && setError(String(e)),
      );
    }
    return () => {
      live = false;
    };
  }, [big]);
  const set = trained?.vocab === vocab ? trained.set : {};
  const ready: Ready = { byte: fixed.byte, ...set, ...(big ? { gpt2: fixed.gpt2, cl100k: fixed.cl100k } : {}) };
  return { ready, training: trained?.vocab !== vocab, loadingBig: big && (!fixed.gpt2 || !fixed.cl100k), error };
}
